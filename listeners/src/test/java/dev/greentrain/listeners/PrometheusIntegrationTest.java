package dev.greentrain.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.export.PrometheusEndpoint;
import dev.greentrain.listeners.export.PushgatewayPublisher;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import dev.greentrain.pruning.EpochStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real DJL training, a real Prometheus scraping the endpoint and a real Pushgateway. */
@Tag("integration")
class PrometheusIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir Path dir;

    private static long saved(InfoBatch infoBatch) {
        return infoBatch.getEpochStats().stream().mapToLong(EpochStats::pruned).sum();
    }

    @Test
    void savedPassesReachPrometheusThroughTheEndpointAndThePushgateway() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PrometheusEndpoint endpoint =
                        PrometheusEndpoint.builder().setRegistry(registry).optPort(0).build();
                PrometheusServers servers = PrometheusServers.start(dir, endpoint.getPort())) {
            InfoBatch pruned =
                    SyntheticTraining.train(
                            true,
                            TrainingMetrics.builder()
                                    .setRegistry(registry)
                                    .optRun("it-infobatch")
                                    .optEnergy(EnergyMetrics.builder().build())
                                    .build());
            SyntheticTraining.train(
                    false,
                    TrainingMetrics.builder().setRegistry(registry).optRun("it-baseline").build());

            // a short job that only pushes, once, at the end of training
            PrometheusMeterRegistry pushRegistry =
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            PushgatewayPublisher publisher =
                    PushgatewayPublisher.builder()
                            .setRegistry(pushRegistry)
                            .setAddress(servers.pushgatewayAddress())
                            .setRun("it-push")
                            .optInterval(Duration.ZERO)
                            .build();
            InfoBatch pushed =
                    SyntheticTraining.train(
                            true,
                            TrainingMetrics.builder()
                                    .setRegistry(pushRegistry)
                                    .optRun("it-push")
                                    .build(),
                            publisher);
            assertEquals(0, publisher.getFailureCount());

            long savedByPlugin = saved(pruned);
            assertTrue(savedByPlugin > 0);
            OptionalDouble fromPrometheus =
                    servers.awaitValue(
                            "greentrain_forward_passes_saved_total{run=\"it-infobatch\"}",
                            savedByPlugin,
                            PATIENCE);
            assertEquals(OptionalDouble.of(savedByPlugin), fromPrometheus, servers.targets());
            assertEquals(
                    OptionalDouble.of(0),
                    servers.awaitValue(
                            "greentrain_forward_passes_saved_total{run=\"it-baseline\","
                                    + "variant=\"baseline\"}",
                            0,
                            PATIENCE),
                    "the baseline's series exist with zero saved");
            double baselineSamples = (double) SyntheticTraining.SIZE * SyntheticTraining.EPOCHS;
            assertEquals(
                    OptionalDouble.of(baselineSamples),
                    servers.awaitValue(
                            "greentrain_training_samples_total{run=\"it-baseline\"}",
                            baselineSamples,
                            PATIENCE),
                    servers.targets());
            assertEquals(
                    OptionalDouble.of(saved(pushed)),
                    servers.awaitValue(
                            "greentrain_forward_passes_saved_total{run=\"it-push\","
                                    + "job=\"greentrain\"}",
                            saved(pushed),
                            PATIENCE),
                    "the pushed run reaches Prometheus through the Pushgateway");
            for (String energySeries :
                    new String[] {
                        "greentrain_energy_all_joules_total",
                        "greentrain_emissions_grams_total",
                        "greentrain_energy_saved_joules_total"
                    }) {
                OptionalDouble value = servers.query(energySeries + "{run=\"it-infobatch\"}");
                assertTrue(
                        value.isPresent() && value.getAsDouble() > 0,
                        energySeries + " reaches Prometheus: " + value);
            }
            assertEquals(
                    2,
                    servers.queryResult(
                                    "greentrain_training_epochs_total{job=\"greentrain\","
                                            + "run=~\"it-infobatch|it-baseline\"}")
                            .size(),
                    "two runs in one process keep separate series");
        }
    }
}
