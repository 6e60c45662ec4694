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
 * baseline and InfoBatch training of the Fashion-MNIST sample.
 */
@Tag("integration")
class DashboardQueriesTest {

    @TempDir Path dir;

    @Test
    void everyPanelReturnsDataAndTheSavingsPanelMatchesThePlugin() throws Exception {
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
                            DecidingMetric.accuracy());
            ComparisonResult comparison =
                    Comparison.builder()
                            .setWorkload(workload)
                            .addVariants(new BaselineVariant(), new InfoBatchVariant())
                            .optSeeds(42)
                            .optOutputDirectory(dir.resolve("comparison"))
                            .optMetrics(metrics)
                            .build()
                            .run();
            RunRecord pruned = comparison.runs().get(1);
            assertTrue(pruned.forwardPassesSaved() > 0);

            // the savings panel, for the InfoBatch run, equals the plugin's own count
            String savingsPanel = savingsPanelExpression();
            OptionalDouble saved =
                    servers.awaitValue(
                            savingsPanel
                                    .replace("$variant", "infobatch")
                                    .replace("$job", ".*")
                                    .replace("$run", ".*"),
                            pruned.forwardPassesSaved(),
                            Duration.ofSeconds(30));
            assertEquals(OptionalDouble.of(pruned.forwardPassesSaved()), saved, servers.targets());

            OptionalDouble validated =
                    servers.query(
                            "greentrain_training_accuracy_ratio{phase=\"validate\","
                                    + "variant=\"infobatch\"}");
            assertTrue(
                    validated.isPresent()
                            && validated.getAsDouble() > 0.1
                            && validated.getAsDouble() <= 1,
                    "validation accuracy per epoch reaches Prometheus: " + validated);

            List<String> empty = new ArrayList<>();
            for (DashboardQueries.PanelQuery query : DashboardQueries.all()) {
                // rate() needs two scrapes in its window: give Prometheus a few more seconds
                JsonNode result = awaitSeries(servers, query.substituted("1m"));
                if (result.size() == 0) {
                    empty.add(
                            query.dashboard() + " / " + query.panelTitle() + " / " + query.refId());
                }
            }
            assertEquals(List.of(), empty, "panels whose query returned no series");
        }
    }

    private static JsonNode awaitSeries(PrometheusServers servers, String promql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode result = servers.queryResult(promql);
        while (result.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            result = servers.queryResult(promql);
        }
        return result;
    }

    private static String savingsPanelExpression() throws Exception {
        for (DashboardQueries.PanelQuery query : DashboardQueries.all()) {
            if (query.dashboard().equals("greentrain-savings.json")
                    && query.panelTitle().equals("Forward passes saved")) {
                return query.expr();
            }
        }
        throw new AssertionError("the savings dashboard has a 'Forward passes saved' panel");
    }
}
