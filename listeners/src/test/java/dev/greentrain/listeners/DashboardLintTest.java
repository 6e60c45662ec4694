package dev.greentrain.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard lint on every dashboard in the folder, and promtool on every query. */
class DashboardLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void everyShippedDashboardPassesTheLint() throws Exception {
        assertTrue(DashboardQueries.files().size() >= 3, "dashboards: " + DashboardQueries.files());
        assertEquals(List.of(), DashboardLint.check(DashboardQueries.DASHBOARDS));
    }

    @Test
    void aDashboardAddedToTheFolderIsLintedToo() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("dashboards/team"));
        ObjectNode added =
                (ObjectNode)
                        DashboardQueries.read(
                                DashboardQueries.DASHBOARDS.resolve("greentrain-savings.json"));
        ArrayNode panels = (ArrayNode) added.path("panels");
        ObjectNode stat = (ObjectNode) panels.get(1).deepCopy();
        stat.put("id", 900).put("title", "Energy projected for the rest of the run");
        ObjectNode target = (ObjectNode) stat.path("targets").get(0);
        target.put(
                "expr", "sum(greentrain_forward_passes_saved_total{job=~\"$job\", run=~\"$run\"})");
        ((ObjectNode) stat.path("fieldConfig").path("defaults"))
                .set(
                        "thresholds",
                        JSON.readTree(
                                "{\"mode\":\"absolute\",\"steps\":[{\"color\":\"green\","
                                        + "\"value\":null},{\"color\":\"red\",\"value\":80}]}"));
        panels.add(stat);
        ObjectNode curves = (ObjectNode) lastPanelOfType(panels, "timeseries").deepCopy();
        curves.put("id", 901);
        ObjectNode validate = (ObjectNode) curves.path("targets").get(0);
        ObjectNode train = validate.deepCopy();
        train.put("refId", "B")
                .put("expr", validate.path("expr").asText().replace("validate", "train"));
        ((ArrayNode) curves.path("targets")).add(train);
        panels.add(curves);
        ObjectNode heatmap = (ObjectNode) lastPanelOfType(panels, "heatmap").deepCopy();
        heatmap.put("id", 902);
        ((ObjectNode) heatmap.path("targets").get(0)).remove("format");
        panels.add(heatmap);
        ObjectNode energy = (ObjectNode) panels.get(1).deepCopy();
        energy.put("id", 903).put("title", "Energy used");
        ((ObjectNode) energy.path("targets").get(0))
                .put(
                        "expr",
                        "sum(max by (run, variant)"
                            + " (last_over_time(greentrain_energy_all_joules_total{job=~\"$job\","
                            + " run=~\"$run\"}[$__range])))");
        panels.add(energy);
        ObjectNode measured = energy.deepCopy();
        measured.put("id", 904).put("title", "CPU energy measured by RAPL");
        ((ObjectNode) measured.path("targets").get(0))
                .put(
                        "expr",
                        "sum(max by (run, variant) (last_over_time(greentrain_energy_joules_total"
                                + "{job=~\"$job\", run=~\"$run\", method=\"rapl\"}[$__range])))");
        panels.add(measured);
        Files.writeString(folder.resolve("added.json"), JSON.writeValueAsString(added));

        List<String> problems = DashboardLint.check(dir.resolve("dashboards"));

        List<String> expected =
                List.of(
                        "panel 900 \"Energy projected for the rest of the run\": Grafana's"
                                + " default thresholds (red at 80)",
                        "panel 900 \"Energy projected for the rest of the run\":"
                                + " greentrain_forward_passes_saved_total read at the instant"
                                + " goes blank",
                        "panel 900 \"Energy projected for the rest of the run\": forward passes"
                                + " saved must be net",
                        "panel 900 \"Energy projected for the rest of the run\": a projection"
                                + " must come from the forecast metric",
                        "panel 901 \"Validation accuracy\": train and validate in separate"
                                + " panels",
                        "panel 902 \"Score distribution (histogram)\": heatmap query needs"
                                + " format: heatmap",
                        "panel 903 \"Energy used\": an energy or CO2 figure that may be modelled"
                                + " says \"modelled\" in its title");
        List<String> missing = new ArrayList<>();
        for (String problem : expected) {
            if (problems.stream().noneMatch(p -> p.startsWith("added.json " + problem))) {
                missing.add(problem);
            }
        }
        assertEquals(List.of(), missing, "problems found: " + problems);
        assertEquals(expected.size(), problems.size(), "only the faults added: " + problems);
    }

    private static JsonNode lastPanelOfType(ArrayNode panels, String type) {
        JsonNode found = null;
        for (JsonNode panel : panels) {
            if (type.equals(panel.path("type").asText())) {
                found = panel;
            }
        }
        return found;
    }

    @Test
    void headlineTotalsComeFirstAndNetOfMethodPasses() throws Exception {
        JsonNode savings =
                DashboardQueries.read(
                        DashboardQueries.DASHBOARDS.resolve("greentrain-savings.json"));
        List<String> titles = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : DashboardQueries.panels(savings)) {
            if (panel.path("gridPos").path("y").asInt() > 6) {
                break;
            }
            if (!"row".equals(panel.path("type").asText())) {
                assertEquals("stat", panel.path("type").asText(), panel.path("title").asText());
                titles.add(panel.path("title").asText());
                exprs.add(panel.path("targets").get(0).path("expr").asText());
            }
        }
        assertEquals(
                List.of(
                        "Forward passes saved, net of method passes",
                        "Forward passes saved, net (% of full data)",
                        "Energy saved (estimate, modelled unless RAPL/NVML)",
                        "Energy saved (observed, A/B paired by seed, modelled unless RAPL/NVML)"),
                titles);
        assertTrue(exprs.get(0).contains("greentrain_forward_passes_saved_total"));
        assertTrue(
                exprs.get(0)
                        .contains(
                                "- max by (run, variant) (last_over_time("
                                        + "greentrain_sampler_forward_passes_total"));
        assertTrue(exprs.get(2).contains("greentrain_energy_saved_joules_total"));
        assertTrue(exprs.get(3).contains("on (pair)"), "paired by seed: " + exprs.get(3));
    }

    @Tag("integration")
    @Test
    void everyPanelExpressionPassesPromtool() throws Exception {
        PrometheusServers.requireInstalled(PrometheusServers.PROMTOOL, "prometheus");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int count = 0;
        for (DashboardQueries.PanelQuery query : DashboardQueries.all()) {
            rules.append("      - record: panel_")
                    .append(++count)
                    .append("\n        expr: '")
                    .append(query.substituted("5m", "1h").replace("'", "''"))
                    .append("'\n");
        }
        assertTrue(count >= 30, "queries: " + count);
        Path file = Files.writeString(dir.resolve("dashboards.rules.yml"), rules.toString());
        String output = PrometheusServers.promtool("check", "rules", file.toString());
        assertTrue(output.contains("SUCCESS: " + count + " rules found"), output);
    }
}
