package dev.greentrain.listeners.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.listeners.PrometheusServers;
import dev.greentrain.listeners.SyntheticTraining;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PushgatewayPublisherTest {

    @Tag("integration")
    @Test
    void aPushgatewayThatIsDownNeverStopsTraining() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        int closedPort = PrometheusServers.freePort();
        PushgatewayPublisher publisher =
                PushgatewayPublisher.builder()
                        .setRegistry(registry)
                        .setAddress("127.0.0.1:" + closedPort)
                        .setRun("down")
                        .optInterval(Duration.ofMillis(100))
                        .build();
        TrainingMetrics metrics =
                TrainingMetrics.builder().setRegistry(registry).optRun("down").build();
        SyntheticTraining.train(true, metrics, publisher);
        assertEquals(
                SyntheticTraining.EPOCHS,
                registry.get("greentrain.training.epochs").functionCounter().count(),
                "training completed");
        assertTrue(publisher.getFailureCount() >= 1, "failures counted");
        assertEquals(
                publisher.getFailureCount(),
                registry.get("greentrain.export.push.failures").counter().count());
        assertTrue(registry.scrape().contains("greentrain_export_push_failures_total{"));
    }

    @Test
    void aPushgatewayThatNeverAnswersCostsAtMostTheTimeout() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // accepts connections (backlog) but never reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            PushgatewayPublisher publisher =
                    PushgatewayPublisher.builder()
                            .setRegistry(registry)
                            .setAddress("127.0.0.1:" + silent.getLocalPort())
                            .setRun("slow")
                            .optInterval(Duration.ZERO)
                            .optTimeout(Duration.ofMillis(500))
                            .build();
            long start = System.nanoTime();
            assertFalse(publisher.pushNow());
            long millis = (System.nanoTime() - start) / 1_000_000;
            // bounded by the timeout, not by the silent server (which would hold it forever); the
            // bound is loose so that a loaded machine cannot fail it
            assertTrue(millis < 10_000, "gave up after " + millis + " ms");
            // the failure is counted by the push thread once its own request times out
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (publisher.getFailureCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(publisher.getFailureCount() >= 1);
            publisher.close();
        }
    }

    @Test
    void failedPushesBackOffUpToSixteenIntervals() {
        assertEquals(1, PushgatewayPublisher.backoffFactor(0));
        assertEquals(2, PushgatewayPublisher.backoffFactor(1));
        assertEquals(4, PushgatewayPublisher.backoffFactor(2));
        assertEquals(8, PushgatewayPublisher.backoffFactor(3));
        assertEquals(16, PushgatewayPublisher.backoffFactor(4));
        assertEquals(16, PushgatewayPublisher.backoffFactor(50));
    }

    /** Builds a publisher for this address and expects it refused. */
    private static IllegalArgumentException refused(String address) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return assertThrows(
                IllegalArgumentException.class,
                () ->
                        PushgatewayPublisher.builder()
                                .setRegistry(registry)
                                .setAddress(address)
                                .setRun("r")
                                .build());
    }

    @Test
    void badSettingsGiveClearErrors() {
        IllegalArgumentException e = refused("http://localhost:9091/");
        assertTrue(e.getMessage().contains("expected host:port"), e.getMessage());
    }

    @Test
    void aPortOutsideOneTo65535IsRefusedBeforeAnyPush() {
        for (String address : new String[] {"127.0.0.1:70000", "localhost:0", "gw:99999"}) {
            IllegalArgumentException e = refused(address);
            assertTrue(e.getMessage().contains("\"" + address + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("outside 1 to 65535"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. 127.0.0.1:9091"), e.getMessage());
        }
    }
}
