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
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every shipped dashboard, run against a real Prometheus that scraped a real
 * baseline and InfoBatch training of the Fashion-MNIST sample over three seeds, after the
 * training's endpoint stopped and its series went stale: the totals, over all seeds and per seed,
 * must still be the runs' figures.
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
                            .optSeeds(SEEDS)
                            .optOutputDirectory(dir.resolve("comparison"))
                            .optMetrics(metrics)
                            .build()
                            .run();
            Map<Long, RunRecord> baselines = new TreeMap<>();
            Map<Long, RunRecord> pruned = new TreeMap<>();
            for (RunRecord run : comparison.runs()) {
                (run.variant().equals("baseline") ? baselines : pruned).put(run.seed(), run);
            }
            assertEquals(SEEDS.length, baselines.size());
            assertEquals(SEEDS.length, pruned.size());
            double prunedPassesSaved = sum(pruned, RunRecord::forwardPassesSaved);
            assertTrue(prunedPassesSaved > 0);

            // the last scrape holds the final figures; then the training process's endpoint stops
            assertEquals(
                    OptionalDouble.of(prunedPassesSaved),
                    servers.awaitValue(
                            headline(NET_PASSES, "infobatch"),
                            prunedPassesSaved,
                            Duration.ofSeconds(30)),
                    servers.targets());
            // and so does the last scrape of every run's progress (the epoch gauge moves after the
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

            // at "now", after the series went stale, the headline totals are the runs' figures,
            // over all seeds and for each seed alone
            double baselineEnergy = sum(baselines, RunRecord::energyJoules);
            double tolerance = OBSERVED_TOLERANCE * baselineEnergy;
            assertEquals(
                    sum(baselines, RunRecord::forwardPassesSaved) + prunedPassesSaved,
                    value(servers, headline(NET_PASSES, ".*")));
            assertClose(
                    sum(baselines, RunRecord::energySavedEstimateJoules)
                            + sum(pruned, RunRecord::energySavedEstimateJoules),
                    value(servers, headline(ESTIMATE, ".*")),
                    1e-9);
            assertClose(
                    sum(pruned, r -> r.carbon().grams(r.energySavedEstimateJoules()))
                            + sum(baselines, r -> r.carbon().grams(r.energySavedEstimateJoules())),
                    value(
                            servers,
                            headline("CO2 saved (estimate, modelled unless RAPL/NVML)", ".*")),
                    1e-9);
            assertEquals(
                    baselineEnergy - sum(pruned, RunRecord::energyJoules),
                    value(servers, headline(OBSERVED, ".*")),
                    tolerance);
            assertEquals(
                    sum(baselines, RunRecord::co2Grams) - sum(pruned, RunRecord::co2Grams),
                    value(
                            servers,
                            headline(
                                    "CO2 saved (observed, A/B paired by seed, modelled unless"
                                            + " RAPL/NVML)",
                                    ".*")),
                    baselines.get(SEEDS[0]).carbon().grams(tolerance));
            for (long seed : SEEDS) {
                RunRecord baseline = baselines.get(seed);
                RunRecord arm = pruned.get(seed);
                double netOnDashboard = value(servers, ofSeed(headline(NET_PASSES, ".*"), seed));
                double estimateOnDashboard =
                        value(servers, ofSeed(headline(ESTIMATE, "infobatch"), seed));
                double observed = baseline.energyJoules() - arm.energyJoules();
                double observedOnDashboard = value(servers, ofSeed(headline(OBSERVED, ".*"), seed));
                System.out.printf(
                        Locale.ROOT,
                        "seed %d after exit: net passes saved %d printed, %.0f on the dashboard;"
                                + " InfoBatch's energy saved (estimate) %.3f J printed, %.3f J on"
                                + " the dashboard; observed %.3f J printed, %.3f J on the"
                                + " dashboard%n",
                        seed,
                        baseline.forwardPassesSaved() + arm.forwardPassesSaved(),
                        netOnDashboard,
                        arm.energySavedEstimateJoules(),
                        estimateOnDashboard,
                        observed,
                        observedOnDashboard);
                assertEquals(
                        baseline.forwardPassesSaved() + arm.forwardPassesSaved(), netOnDashboard);
                assertClose(arm.energySavedEstimateJoules(), estimateOnDashboard, 1e-9);
                assertEquals(
                        observed,
                        observedOnDashboard,
                        OBSERVED_TOLERANCE * baseline.energyJoules());
            }
            JsonNode perRun =
                    servers.queryResult(
                            DashboardQueries.find(
                                            "greentrain-energy.json",
                                            "Energy used per run (modelled unless RAPL/NVML)",
                                            "A")
                                    .substituted("1m", RANGE));
            assertEquals(2 * SEEDS.length, perRun.size(), perRun.toString());
            for (JsonNode run : perRun) {
                long seed = seedOf(run);
                RunRecord record =
                        run.get("metric").get("variant").asText().equals("baseline")
                                ? baselines.get(seed)
                                : pruned.get(seed);
                assertEquals(
                        record.energyJoules(),
                        run.get("value").get(1).asDouble(),
                        OBSERVED_TOLERANCE * baselines.get(seed).energyJoules(),
                        "the dashboard's energy of " + run + " is the printed one");
            }
            // the A/B table, one row per arm and seed against that seed's baseline; the gauges hold
            // float32 accuracies: their difference is exact to about two float32 steps near 1
            JsonNode accuracy = servers.queryResult(table("A"));
            JsonNode passesSaved = servers.queryResult(table("B"));
            assertEquals(SEEDS.length, accuracy.size(), accuracy.toString());
            assertEquals(SEEDS.length, passesSaved.size(), passesSaved.toString());
            for (int i = 0; i < SEEDS.length; i++) {
                RunRecord arm = pruned.get(seedOf(accuracy.get(i)));
                RunRecord baseline = baselines.get(arm.seed());
                assertEquals(
                        arm.finalMetric() - baseline.finalMetric(),
                        accuracy.get(i).get("value").get(1).asDouble(),
                        2e-7);
                assertClose(
                        pruned.get(seedOf(passesSaved.get(i))).forwardPassesSavedFraction(),
                        passesSaved.get(i).get("value").get(1).asDouble(),
                        1e-12);
            }
            JsonNode progress =
                    servers.queryResult(
                            DashboardQueries.find(
                                            "greentrain-savings.json",
                                            "Progress: epochs completed of planned",
                                            "A")
                                    .substituted("1m", RANGE));
            assertEquals(2 * SEEDS.length, progress.size(), progress.toString());
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

    private static final long[] SEEDS = {42, 43, 44};

    private static final String NET_PASSES = "Forward passes saved, net of method passes";

    private static final String ESTIMATE = "Energy saved (estimate, modelled unless RAPL/NVML)";

    private static final String OBSERVED =
            "Energy saved (observed, A/B paired by seed, modelled unless RAPL/NVML)";

    private static final Pattern SEED_OF_RUN = Pattern.compile("-seed(\\d+)$");

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

    /** Narrows a headline query to one seed's runs (and, for the paired ones, its baseline's). */
    private static String ofSeed(String promql, long seed) {
        return promql.replace("run=~\".*\"", "run=~\"dash-.*-seed" + seed + "\"");
    }

    private static long seedOf(JsonNode series) {
        Matcher matcher = SEED_OF_RUN.matcher(series.get("metric").get("run").asText());
        assertTrue(matcher.find(), series.toString());
        return Long.parseLong(matcher.group(1));
    }

    private static double sum(Map<Long, RunRecord> runs, ToDoubleFunction<RunRecord> figure) {
        return runs.values().stream().mapToDouble(figure).sum();
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
