package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greentrain.compare.BaselineVariant;
import dev.greentrain.compare.Comparison;
import dev.greentrain.compare.ComparisonResult;
import dev.greentrain.compare.DecidingMetric;
import dev.greentrain.compare.InfoBatchVariant;
import dev.greentrain.compare.MetricsSetup;
import dev.greentrain.compare.RunRecord;
import dev.greentrain.compare.Workload;
import dev.greentrain.listeners.DashboardQueries;
import dev.greentrain.listeners.PrometheusServers;
import dev.greentrain.listeners.export.ExportSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every shipped dashboard, run against a real Prometheus that scraped a real
 * baseline and InfoBatch training of the Fashion-MNIST sample, after the training's endpoint
 * stopped and its series went stale: the totals must still be the run's figures.
 */
@Tag("integration")
class DashboardQueriesTest {

    @TempDir Path dir;

    @Test
    void afterTheRunEndedEveryPanelShowsDataAndTheTotalsAreTheRunsFigures() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                MetricsSetup metrics =
                        new MetricsSetup(
                                ExportSettings.from(new Properties(), Map.of())
                                        .withPort(0)
                                        .withRun("dash"));
                PrometheusServers servers =
                        PrometheusServers.start(dir, metrics.getEndpointPort())) {
            Workload workload =
                    FashionMnistWorkload.create(
                            manager,
                            FashionMnistFiles.directory(),
                            3072,
                            64,
                            0.002f,
                            FashionMnistWorkload.Network.CNN,
                            3,
                            DecidingMetric.accuracy(),
                            Difficulty.NONE);
            ComparisonResult comparison =
                    Comparison.builder()
                            .setWorkload(workload)
                            .addVariants(new BaselineVariant(), new InfoBatchVariant())
                            .optSeeds(42)
                            .optOutputDirectory(dir.resolve("comparison"))
                            .optMetrics(metrics)
                            .build()
                            .run();
            RunRecord baseline = comparison.runs().get(0);
            RunRecord pruned = comparison.runs().get(1);
            assertEquals("baseline", baseline.variant());
            assertTrue(pruned.forwardPassesSaved() > 0);

            // the last scrape holds the final figures; then the training process's endpoint stops
            assertEquals(
                    OptionalDouble.of(pruned.forwardPassesSaved()),
                    servers.awaitValue(
                            headline(NET_PASSES, "infobatch"),
                            pruned.forwardPassesSaved(),
                            Duration.ofSeconds(30)),
                    servers.targets());
            // and so does the last scrape of both runs' progress (the epoch gauge moves after the
            // passes saved): the paired panels count a run once it completed every planned epoch
            assertEquals(
                    OptionalDouble.of(3.0),
                    servers.awaitValue(
                            "min(greentrain_training_epoch)", 3.0, Duration.ofSeconds(30)),
                    servers.targets());
            metrics.close();
            assertTrue(
                    servers.awaitStale("greentrain_training_samples_total", Duration.ofSeconds(30)),
                    "Prometheus marks the stopped endpoint's series stale");

            // at "now", after the series went stale, the headline totals are the run's figures
            assertEquals(
                    baseline.forwardPassesSaved() + pruned.forwardPassesSaved(),
                    value(servers, headline(NET_PASSES, ".*")));
            assertEquals(
                    pruned.forwardPassesSaved(), value(servers, headline(NET_PASSES, "infobatch")));
            assertClose(
                    baseline.energySavedEstimateJoules() + pruned.energySavedEstimateJoules(),
                    value(
                            servers,
                            headline("Energy saved (estimate, modelled unless RAPL/NVML)", ".*")),
                    1e-9);
            assertClose(
                    pruned.carbon().grams(pruned.energySavedEstimateJoules())
                            + baseline.carbon().grams(baseline.energySavedEstimateJoules()),
                    value(
                            servers,
                            headline("CO2 saved (estimate, modelled unless RAPL/NVML)", ".*")),
                    1e-9);
            double observed = baseline.energyJoules() - pruned.energyJoules();
            double observedOnDashboard =
                    value(
                            servers,
                            headline(
                                    "Energy saved (observed, A/B paired by seed, modelled unless"
                                            + " RAPL/NVML)",
                                    ".*"));
            JsonNode perRun =
                    servers.queryResult(
                            DashboardQueries.find(
                                            "greentrain-energy.json",
                                            "Energy used per run (modelled unless RAPL/NVML)",
                                            "A")
                                    .substituted("1m", RANGE));
            System.out.printf(
                    "Energy: records baseline %.3f J, infobatch %.3f J; dashboard per run %s;"
                            + " observed saved %.3f J (records) vs %.3f J (dashboard)%n",
                    baseline.energyJoules(),
                    pruned.energyJoules(),
                    perRun,
                    observed,
                    observedOnDashboard);
            double tolerance = OBSERVED_TOLERANCE * baseline.energyJoules();
            for (JsonNode run : perRun) {
                RunRecord record =
                        run.get("metric").get("variant").asText().equals("baseline")
                                ? baseline
                                : pruned;
                assertEquals(
                        record.energyJoules(),
                        run.get("value").get(1).asDouble(),
                        tolerance,
                        "the dashboard's energy of " + run + " is the printed one");
            }
            assertEquals(observed, observedOnDashboard, tolerance);
            assertEquals(
                    baseline.co2Grams() - pruned.co2Grams(),
                    value(
                            servers,
                            headline(
                                    "CO2 saved (observed, A/B paired by seed, modelled unless"
                                            + " RAPL/NVML)",
                                    ".*")),
                    baseline.carbon().grams(tolerance));
            // the gauges hold float32 accuracies: their difference is exact to about two float32
            // steps near 1 (6e-8 each), not to a fraction of a small difference
            assertEquals(
                    pruned.finalMetric() - baseline.finalMetric(),
                    value(servers, table("A")),
                    2e-7);
            assertClose(pruned.forwardPassesSavedFraction(), value(servers, table("B")), 1e-12);
            JsonNode progress =
                    servers.queryResult(
                            DashboardQueries.find(
                                            "greentrain-savings.json",
                                            "Progress: epochs completed of planned",
                                            "A")
                                    .substituted("1m", RANGE));
            assertEquals(2, progress.size(), progress.toString());
            for (JsonNode run : progress) {
                assertEquals(1.0, run.get("value").get(1).asDouble(), run.toString());
            }

            // every panel still shows data: totals at "now", graphs over the range ending now
            List<String> empty = new ArrayList<>();
            for (DashboardQueries.PanelQuery query : DashboardQueries.all()) {
                String promql = query.substituted("1m", RANGE);
                JsonNode result =
                        query.isTotal()
                                ? servers.queryResult(promql)
                                : servers.queryRange(promql, Duration.ofMinutes(30));
                if (result.size() == 0) {
                    empty.add(
                            query.dashboard() + " / " + query.panelTitle() + " / " + query.refId());
                }
            }
            assertEquals(List.of(), empty, "panels that went blank after the run");

            // the real-browser view of the same headline figures
            Path screenshots = Path.of("target", "prometheus-screenshots").toAbsolutePath();
            Process script =
                    new ProcessBuilder(
                                    DashboardQueries.projectDirectory()
                                            .resolve("scripts/prometheus-screenshots.sh")
                                            .toString(),
                                    "--prometheus",
                                    servers.url(),
                                    "--run",
                                    "dash-.*",
                                    "--range",
                                    RANGE,
                                    "--graph-range",
                                    "10m",
                                    "--out",
                                    screenshots.toString())
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, script.waitFor(), output);
            Path net =
                    screenshots.resolve("prometheus-forward-passes-saved-net-of-method-passes.png");
            assertTrue(Files.size(net) > 10_000, "a rendered graph page: " + output);
            assertEquals(7, output.lines().filter(l -> l.contains(".png: ")).count(), output);
        }
    }

    private static final String NET_PASSES = "Forward passes saved, net of method passes";

    /** The dashboard's time range in the test: longer than the whole test. */
    private static final String RANGE = "1h";

    /**
     * How far the observed difference may be from the records', as a share of the baseline's
     * energy. The records sum each epoch's window; the published counter is started by the arm
     * before its trainer exists, so it spans the same windows and differs only by the moments
     * between an epoch's last read and the window's close.
     */
    private static final double OBSERVED_TOLERANCE = 0.001;

    private static String headline(String title, String variant) throws Exception {
        return DashboardQueries.find("greentrain-savings.json", title, "A")
                .substituted("1m", RANGE)
                .replace("variant=~\".*\"", "variant=~\"" + variant + "\"");
    }

    private static String table(String refId) throws Exception {
        return DashboardQueries.find(
                        "greentrain-ab.json",
                        "Arms against their own seed's baseline (energy modelled unless RAPL/NVML)",
                        refId)
                .substituted("1m", RANGE);
    }

    private static double value(PrometheusServers servers, String promql) throws Exception {
        OptionalDouble value = servers.query(promql);
        assertTrue(value.isPresent(), "no data at now for " + promql);
        return value.getAsDouble();
    }

    private static void assertClose(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.max(1e-9, Math.abs(expected) * relative));
    }
}
