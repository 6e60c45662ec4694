package dev.greentrain.listeners.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.distill.DistillationListener.Progress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DistillationMetricsTest {

    private static final MetricTags TAGS =
            new MetricTags("run-1", "distill-dream-ipc10", "convnet3-w32", "fashion-mnist");

    /** A run's figures: 10 classes x 128 real and x 10 synthetic images per iteration. */
    private static Progress after(int iteration, long clustering) {
        return new Progress(iteration, 0.5f, 1280L * iteration, 100L * iteration, clustering, null);
    }

    private static double passes(MeterRegistry registry, String kind) {
        return registry.get("greentrain.distill.forward.passes")
                .tags(TAGS.toTags())
                .tag("kind", kind)
                .functionCounter()
                .count();
    }

    private static double iterations(MeterRegistry registry) {
        return registry.get("greentrain.distill.iterations")
                .tags(TAGS.toTags())
                .functionCounter()
                .count();
    }

    private static double reached(MeterRegistry registry) {
        return registry.get("greentrain.distill.iteration").tags(TAGS.toTags()).gauge().value();
    }

    /** Asserts the counters: iterations, then real, synthetic and clustering passes. */
    private static void assertCounts(MeterRegistry registry, long[] expected) {
        double[] counted = {
            iterations(registry),
            passes(registry, DistillationMetrics.REAL),
            passes(registry, DistillationMetrics.SYNTHETIC),
            passes(registry, DistillationMetrics.CLUSTERING)
        };
        assertArrayEquals(Arrays.stream(expected).asDoubleStream().toArray(), counted);
    }

    @Test
    void countsAFreshRunsIterationsAndForwardPassesOfEachKind() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DistillationMetrics metrics = new DistillationMetrics(TAGS);
        metrics.bindTo(registry);
        assertEquals(0, iterations(registry), "nothing before the start");

        // DREAM's k-means start embedded the 6,000 images, then re-clusters every 2 iterations
        metrics.onStart(after(0, 6000));
        assertEquals(0, iterations(registry));
        assertEquals(6000, passes(registry, DistillationMetrics.CLUSTERING));
        metrics.onIteration(after(1, 12000));
        metrics.onIteration(after(2, 12000));
        metrics.onIteration(after(3, 18000));

        assertCounts(registry, new long[] {3, 3 * 1280, 3 * 100, 18000});
        assertEquals(3, reached(registry));
    }

    @Test
    void aResumedRunCountsOnlyTheIterationsAfterItsCheckpoint() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DistillationMetrics metrics = new DistillationMetrics(TAGS);
        metrics.bindTo(registry);

        metrics.onStart(after(50, 150000));
        assertEquals(0, iterations(registry), "the checkpoint's iterations are not this run's");
        assertEquals(50, reached(registry), "the run has reached the checkpoint's iteration");
        assertEquals(0, passes(registry, DistillationMetrics.CLUSTERING));
        metrics.onIteration(after(51, 156000));
        metrics.onIteration(after(52, 156000));

        assertCounts(registry, new long[] {2, 2 * 1280, 2 * 100, 6000});
        assertEquals(52, reached(registry));
    }

    @Test
    void everyRegistryItIsBoundToGetsTheSameCountsUnderThePrometheusNames() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DistillationMetrics metrics = new DistillationMetrics(TAGS);
        metrics.bindTo(simple);
        metrics.bindTo(prometheus);
        metrics.onStart(after(0, 0));
        metrics.onIteration(after(1, 0));

        assertEquals(1, iterations(simple));
        assertEquals(1, iterations(prometheus));
        String scrape = prometheus.scrape();
        assertTrue(
                scrape.contains(
                        "greentrain_distill_iterations_total{dataset=\"fashion-mnist\","
                                + "model=\"convnet3-w32\",run=\"run-1\","
                                + "variant=\"distill-dream-ipc10\"} 1.0"),
                scrape);
        assertTrue(
                scrape.contains(
                        "greentrain_distill_forward_passes_total{dataset=\"fashion-mnist\","
                                + "kind=\"real\",model=\"convnet3-w32\",run=\"run-1\","
                                + "variant=\"distill-dream-ipc10\"} 1280.0"),
                scrape);
    }
}
