package dev.greentrain.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard-linter checklist plus GreenTrain's own rules, applied to every dashboard file in a
 * folder; returns the problems found instead of stopping at the first.
 */
public final class DashboardLint {

    private static final Pattern RATE =
            Pattern.compile("\\b(rate|irate|increase)\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    /** A range after a selector or a sub-expression, not a character class inside a regex. */
    private static final Pattern RANGE = Pattern.compile("(?<=[})])\\[([^\\]]+)\\]");

    /** A metric selector and what follows it: a range or not. */
    private static final Pattern SELECTOR =
            Pattern.compile("\\b(greentrain_[a-z0-9_]+)\\{[^}]*\\}(\\[[^\\]]+\\])?");

    private static final Pattern PHASE = Pattern.compile("phase=\"(train|validate)\"");

    /** A selector of an energy, power or CO2 metric, with its label matchers. */
    private static final Pattern ENERGY_SELECTOR =
            Pattern.compile("\\bgreentrain_(?:energy|emissions|power)_[a-z0-9_]*\\{([^}]*)\\}");

    /** A label matcher that keeps measured figures only (RAPL, NVML). */
    private static final Pattern MEASURED_ONLY =
            Pattern.compile("method=~?\"(rapl|nvml|rapl\\|nvml|nvml\\|rapl)\"");

    private final List<String> problems = new ArrayList<>();

    private DashboardLint() {}

    /**
     * Lints every dashboard file under a folder.
     *
     * @param folder the folder, e.g. {@link DashboardQueries#DASHBOARDS}
     * @return one line per problem, naming the file and panel; empty when all is well
     * @throws IOException if a file cannot be read or is not JSON
     */
    public static List<String> check(Path folder) throws IOException {
        DashboardLint lint = new DashboardLint();
        for (Path file : DashboardQueries.files(folder)) {
            lint.dashboard(file.getFileName().toString(), DashboardQueries.read(file));
        }
        return lint.problems;
    }

    private void expect(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }

    private void dashboard(String name, JsonNode dashboard) {
        expect(dashboard.path("schemaVersion").asInt() >= 39, name + ": schemaVersion >= 39");
        expect(!dashboard.has("__inputs"), name + ": no __inputs (breaks provisioning)");
        variables(name, dashboard.path("templating").path("list"));
        Set<Integer> ids = new HashSet<>();
        boolean hasRow = false;
        for (JsonNode panel : DashboardQueries.panels(dashboard)) {
            String where = name + " panel " + panel.path("id") + " " + panel.path("title");
            expect(ids.add(panel.path("id").asInt()), where + ": id not unique");
            for (String key : new String[] {"h", "w", "x", "y"}) {
                expect(panel.path("gridPos").has(key), where + ": gridPos." + key + " missing");
            }
            if ("row".equals(panel.path("type").asText())) {
                hasRow = true;
            } else {
                panel(where, panel);
            }
        }
        expect(hasRow, name + ": panels not grouped in rows");
    }

    private void variables(String name, JsonNode variables) {
        JsonNode datasource = variables.path(0);
        expect(
                "datasource".equals(datasource.path("type").asText())
                        && "prometheus".equals(datasource.path("query").asText()),
                name + ": first variable is a Prometheus datasource variable");
        String[] names = {"job", "run", "variant"};
        for (int i = 1; i <= 3; i++) {
            JsonNode variable = variables.path(i);
            expect(
                    names[i - 1].equals(variable.path("name").asText()),
                    name + ": variable " + i + " is " + names[i - 1]);
            expect(variable.path("includeAll").asBoolean(), name + ": " + names[i - 1] + " All");
            expect(
                    "${datasource}".equals(variable.path("datasource").path("uid").asText()),
                    name + ": " + names[i - 1] + " on the datasource variable");
        }
        expect(
                variables.path(2).path("definition").asText().contains("$job"),
                name + ": run <- job");
        expect(
                variables.path(3).path("definition").asText().contains("$run"),
                name + ": variant <- run");
    }

    private void panel(String where, JsonNode panel) {
        String type = panel.path("type").asText();
        expect(
                "${datasource}".equals(panel.path("datasource").path("uid").asText()),
                where + ": not on the datasource variable");
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        expect(!defaults.path("unit").asText().isBlank(), where + ": no unit");
        expect(!panel.path("description").asText().isBlank(), where + ": no description");
        expect(panel.path("targets").size() > 0, where + ": no queries");
        thresholds(where, defaults.path("thresholds"));
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            overrideUnits(where, type, override);
        }
        String title = panel.path("title").asText().toLowerCase(java.util.Locale.ROOT);
        boolean forecast = title.contains("project") || title.contains("forecast");
        Set<String> phases = new HashSet<>();
        for (JsonNode target : panel.path("targets")) {
            String expr = target.path("expr").asText();
            expect(
                    "${datasource}".equals(target.path("datasource").path("uid").asText()),
                    where + ": target not on the datasource variable");
            expression(where, expr, DashboardQueries.isTotalPanel(type));
            if (expr.contains("greentrain_training_loss")
                    || expr.contains("greentrain_training_accuracy")) {
                Matcher phase = PHASE.matcher(expr);
                int found = 0;
                while (phase.find()) {
                    phases.add(phase.group(1));
                    found++;
                }
                expect(found > 0, where + ": loss or accuracy without a phase filter");
            }
            if (DashboardQueries.isTotalPanel(type)) {
                expect(
                        target.path("instant").asBoolean(),
                        where + ": a total is an instant query over $__range");
            }
            if ("heatmap".equals(type)) {
                expect(
                        "heatmap".equals(target.path("format").asText()),
                        where + ": heatmap query needs format: heatmap");
            }
            if (forecast) {
                expect(
                        expr.contains("greentrain_energy_forecast"),
                        where + ": a projection must come from the forecast metric");
            }
        }
        expect(phases.size() <= 1, where + ": train and validate in separate panels");
        energyTitle(where, panel);
        if ("heatmap".equals(type)) {
            expect(
                    !panel.path("options").path("calculate").asBoolean(true),
                    where + ": heatmap of Prometheus buckets must not recalculate");
        }
    }

    /**
     * An energy or CO2 figure says "modelled" in its title unless every energy selector keeps
     * measured figures only (RAPL, NVML); only those may say "measured".
     */
    private void energyTitle(String where, JsonNode panel) {
        boolean mayBeModelled = false;
        for (JsonNode target : panel.path("targets")) {
            Matcher selector = ENERGY_SELECTOR.matcher(target.path("expr").asText());
            while (selector.find()) {
                mayBeModelled |= !MEASURED_ONLY.matcher(selector.group(1)).find();
            }
        }
        if (mayBeModelled) {
            String title = panel.path("title").asText();
            expect(
                    title.contains("modelled") && !title.contains("measured"),
                    where
                            + ": an energy or CO2 figure that may be modelled says \"modelled\" in"
                            + " its title");
        }
    }

    private void thresholds(String where, JsonNode thresholds) {
        JsonNode steps = thresholds.path("steps");
        expect(steps.size() > 0, where + ": thresholds not set on purpose");
        boolean grafanaDefault =
                steps.size() == 2
                        && "green".equals(steps.path(0).path("color").asText())
                        && "red".equals(steps.path(1).path("color").asText())
                        && steps.path(1).path("value").asDouble() == 80;
        expect(!grafanaDefault, where + ": Grafana's default thresholds (red at 80)");
    }

    private void overrideUnits(String where, String type, JsonNode override) {
        boolean setsUnit = false;
        boolean ownAxis = false;
        for (JsonNode property : override.path("properties")) {
            String id = property.path("id").asText();
            setsUnit |= "unit".equals(id);
            ownAxis |= "custom.axisPlacement".equals(id);
            if ("thresholds".equals(id)) {
                thresholds(where + " override", property.path("value"));
            }
        }
        if ("timeseries".equals(type)) {
            expect(!setsUnit || ownAxis, where + ": a second unit needs its own axis");
        }
    }

    private void expression(String where, String expr, boolean total) {
        expect(
                expr.contains("$job") && expr.contains("$run"),
                where + ": not filtered by $job and $run: " + expr);
        Matcher rate = RATE.matcher(expr);
        while (rate.find()) {
            expect(
                    rate.group(2).matches(".*_(total|count|sum|bucket)"),
                    where + ": " + rate.group(1) + "() on a gauge: " + rate.group(2));
        }
        String allowedRange = total ? "$__range" : "$__rate_interval";
        Matcher range = RANGE.matcher(expr);
        while (range.find()) {
            expect(
                    allowedRange.equals(range.group(1)),
                    where + ": range [" + range.group(1) + "], expected [" + allowedRange + "]");
        }
        if (total) {
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                expect(
                        selector.group(2) != null,
                        where
                                + ": "
                                + selector.group(1)
                                + " read at the instant goes blank after the run; use"
                                + " last_over_time(...[$__range])");
            }
        }
        if (expr.contains("greentrain_forward_passes_saved_total")) {
            expect(
                    expr.contains("greentrain_sampler_forward_passes_total"),
                    where + ": forward passes saved must be net of the method's passes");
        }
    }
}
