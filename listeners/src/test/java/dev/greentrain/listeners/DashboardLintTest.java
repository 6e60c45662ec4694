package dev.greentrain.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard-linter checklist on every shipped dashboard, and promtool on every query. */
class DashboardLintTest {

    private static final Pattern RATE =
            Pattern.compile("\\b(rate|irate|increase)\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern RANGE = Pattern.compile("\\[([^\\]]+)\\]");

    @TempDir Path dir;

    @Test
    void threeDashboardsAreShipped() throws Exception {
        List<String> names = new ArrayList<>();
        for (Path file : DashboardQueries.files()) {
            names.add(file.getFileName().toString());
        }
        assertEquals(
                List.of("greentrain-ab.json", "greentrain-energy.json", "greentrain-savings.json"),
                names);
    }

    @Test
    void everyDashboardFollowsTheChecklist() throws Exception {
        for (Path file : DashboardQueries.files()) {
            String name = file.getFileName().toString();
            JsonNode dashboard = DashboardQueries.read(file);
            assertTrue(dashboard.path("schemaVersion").asInt() >= 39, name + " schemaVersion");
            assertFalse(dashboard.has("__inputs"), name + ": no __inputs (breaks provisioning)");
            checkVariables(name, dashboard.path("templating").path("list"));
            Set<Integer> ids = new HashSet<>();
            boolean hasRow = false;
            for (JsonNode panel : DashboardQueries.panels(dashboard)) {
                String where = name + " panel " + panel.path("id") + " " + panel.path("title");
                assertTrue(ids.add(panel.path("id").asInt()), where + ": unique id");
                JsonNode grid = panel.path("gridPos");
                for (String key : new String[] {"h", "w", "x", "y"}) {
                    assertTrue(grid.has(key), where + ": gridPos." + key);
                }
                if ("row".equals(panel.path("type").asText())) {
                    hasRow = true;
                    continue;
                }
                assertEquals(
                        "${datasource}",
                        panel.path("datasource").path("uid").asText(),
                        where + ": uses the datasource variable");
                String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
                assertFalse(unit.isBlank(), where + ": unit set");
                assertFalse(panel.path("description").asText().isBlank(), where + ": described");
                assertTrue(panel.path("targets").size() > 0, where + ": has queries");
                for (JsonNode target : panel.path("targets")) {
                    assertEquals(
                            "${datasource}",
                            target.path("datasource").path("uid").asText(),
                            where + ": target datasource");
                    checkExpression(where, target.path("expr").asText());
                }
            }
            assertTrue(hasRow, name + ": panels grouped in rows");
        }
    }

    private static void checkVariables(String name, JsonNode variables) {
        JsonNode datasource = variables.get(0);
        assertEquals("datasource", datasource.path("type").asText(), name);
        assertEquals("prometheus", datasource.path("query").asText(), name);
        assertEquals("job", variables.get(1).path("name").asText(), name);
        assertEquals("run", variables.get(2).path("name").asText(), name);
        assertEquals("variant", variables.get(3).path("name").asText(), name);
        assertTrue(variables.get(2).path("definition").asText().contains("$job"), "run <- job");
        assertTrue(variables.get(3).path("definition").asText().contains("$run"), "variant <- run");
        for (int i = 1; i <= 3; i++) {
            assertTrue(variables.get(i).path("includeAll").asBoolean(), name + " includeAll");
            assertEquals("${datasource}", variables.get(i).path("datasource").path("uid").asText());
        }
    }

    private static void checkExpression(String where, String expr) {
        assertTrue(expr.contains("$job") && expr.contains("$run"), where + ": filtered by " + expr);
        Matcher rate = RATE.matcher(expr);
        while (rate.find()) {
            String metric = rate.group(2);
            assertTrue(
                    metric.matches(".*_(total|count|sum|bucket)"),
                    where + ": " + rate.group(1) + "() on a counter, not " + metric);
        }
        Matcher range = RANGE.matcher(expr);
        while (range.find()) {
            assertEquals("$__rate_interval", range.group(1), where + ": range in " + expr);
        }
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
                    .append(query.substituted("5m").replace("'", "''"))
                    .append("'\n");
        }
        assertTrue(count >= 30, "queries: " + count);
        Path file = Files.writeString(dir.resolve("dashboards.rules.yml"), rules.toString());
        Process promtool =
                new ProcessBuilder(
                                PrometheusServers.PROMTOOL.toString(),
                                "check",
                                "rules",
                                file.toString())
                        .redirectErrorStream(true)
                        .start();
        String output =
                new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), output);
        assertTrue(output.contains("SUCCESS: " + count + " rules found"), output);
    }
}
