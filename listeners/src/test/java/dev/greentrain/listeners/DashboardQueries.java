package dev.greentrain.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped Grafana dashboards and every query their panels run, for tests. */
public final class DashboardQueries {

    /** The folder of the shipped dashboards, found above the module's directory. */
    public static final Path DASHBOARDS = projectDirectory().resolve("grafana/dashboards");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardQueries() {}

    /**
     * Returns the project's top folder: the nearest folder above the working directory that holds
     * {@code grafana/}, so that modules at any depth find the shipped configuration.
     *
     * @return the project directory
     */
    public static Path projectDirectory() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null
                && !java.nio.file.Files.isDirectory(directory.resolve("grafana"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(
                    "No grafana/ folder above "
                            + Path.of("").toAbsolutePath()
                            + ": run the tests"
                            + " from the project's clone.");
        }
        return directory;
    }

    /**
     * One query of one panel.
     *
     * @param dashboard the dashboard file name
     * @param panelId the panel's id
     * @param panelTitle the panel's title
     * @param refId the query's refId
     * @param expr the PromQL expression, with Grafana variables
     */
    public record PanelQuery(
            String dashboard, int panelId, String panelTitle, String refId, String expr) {

        /**
         * Returns the expression with the variables substituted as a test evaluates it.
         *
         * @param rateInterval the value of {@code $__rate_interval}, e.g. {@code 5m}
         * @return plain PromQL
         */
        public String substituted(String rateInterval) {
            return expr.replace("$__rate_interval", rateInterval)
                    .replace("$job", ".*")
                    .replace("$run", ".*")
                    .replace("$variant", ".*");
        }
    }

    /**
     * Returns the dashboard files.
     *
     * @return the JSON files, sorted
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS.toAbsolutePath().normalize())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * Parses a dashboard.
     *
     * @param file the dashboard file
     * @return its JSON
     * @throws IOException if it is not valid JSON
     */
    public static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /**
     * Returns every panel (rows included) of a dashboard, nested row panels flattened.
     *
     * @param dashboard the dashboard's JSON
     * @return the panels
     */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            for (JsonNode nested : panel.path("panels")) {
                panels.add(nested);
            }
        }
        return panels;
    }

    /**
     * Returns every query of every shipped dashboard.
     *
     * @return the queries
     * @throws IOException if a dashboard cannot be read
     */
    public static List<PanelQuery> all() throws IOException {
        List<PanelQuery> queries = new ArrayList<>();
        for (Path file : files()) {
            for (JsonNode panel : panels(read(file))) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(
                            new PanelQuery(
                                    file.getFileName().toString(),
                                    panel.path("id").asInt(),
                                    panel.path("title").asText(),
                                    target.path("refId").asText(),
                                    target.path("expr").asText()));
                }
            }
        }
        return queries;
    }
}
