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
     * @param panelType the panel's type, e.g. {@code stat} or {@code timeseries}
     * @param refId the query's refId
     * @param expr the PromQL expression, with Grafana variables
     */
    public record PanelQuery(
            String dashboard,
            int panelId,
            String panelTitle,
            String panelType,
            String refId,
            String expr) {

        /**
         * Tells whether the panel shows a total or table (an instant query Grafana evaluates at the
         * end of the time range) rather than a graph over the range.
         *
         * @return true for stat, bar gauge, gauge and table panels
         */
        public boolean isTotal() {
            return DashboardQueries.isTotalPanel(panelType);
        }

        /**
         * Returns the expression with the variables substituted as a test evaluates it.
         *
         * @param rateInterval the value of {@code $__rate_interval}, e.g. {@code 5m}
         * @param range the value of {@code $__range} (the dashboard's time range), e.g. {@code 1h}
         * @return plain PromQL
         */
        public String substituted(String rateInterval, String range) {
            return expr.replace("$__rate_interval", rateInterval)
                    .replace("$__range", range)
                    .replace("$job", ".*")
                    .replace("$run", ".*")
                    .replace("$variant", ".*");
        }
    }

    /**
     * Tells whether a panel type shows totals (evaluated once, at the end of the time range).
     *
     * @param panelType the panel's {@code type}
     * @return true for stat, bar gauge, gauge and table panels
     */
    public static boolean isTotalPanel(String panelType) {
        return List.of("stat", "bargauge", "gauge", "table").contains(panelType);
    }

    /**
     * Returns the shipped dashboard files.
     *
     * @return every JSON file under {@code grafana/dashboards}, sorted
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> files() throws IOException {
        return files(DASHBOARDS);
    }

    /**
     * Returns every dashboard file under a folder, subfolders included.
     *
     * @param folder the folder Grafana's file provider would load
     * @return the JSON files, sorted
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder.toAbsolutePath().normalize())) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
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
                                    panel.path("type").asText(),
                                    target.path("refId").asText(),
                                    target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    /**
     * Returns one query of a shipped dashboard's panel.
     *
     * @param dashboard the dashboard's file name, e.g. {@code greentrain-savings.json}
     * @param title the panel's title
     * @param refId the query's refId, e.g. {@code A}
     * @return the query
     * @throws IOException if a dashboard cannot be read
     * @throws AssertionError if there is no such panel or query
     */
    public static PanelQuery find(String dashboard, String title, String refId) throws IOException {
        for (PanelQuery query : all()) {
            if (query.dashboard().equals(dashboard)
                    && query.panelTitle().equals(title)
                    && query.refId().equals(refId)) {
                return query;
            }
        }
        throw new AssertionError(dashboard + " has no panel '" + title + "' with query " + refId);
    }
}
