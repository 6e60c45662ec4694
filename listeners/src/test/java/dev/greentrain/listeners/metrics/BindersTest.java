package dev.greentrain.listeners.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greentrain.infobatch.InfoBatchDetails;
import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.EpochStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BindersTest {

    private static final Tags TAGS = Tags.of("run", "r", "variant", "v");

    /** Binds a binder to two registries and returns them. */
    private static MeterRegistry[] bindTwice(MeterBinder binder) {
        MeterRegistry[] registries = {new SimpleMeterRegistry(), new SimpleMeterRegistry()};
        binder.bindTo(registries[0]);
        binder.bindTo(registries[1]);
        return registries;
    }

    @Test
    void thePolicyBinderGivesEachRegistryEveryMeterAndValue() {
        PolicyMetrics policy = new PolicyMetrics(TAGS);
        MeterRegistry[] registries = bindTwice(policy);
        EpochStats epoch = EpochStats.planned(0, 100, 60, 10, EpochDetails.NONE);
        policy.observe(epoch);
        // 40 pruned, the sampler spent 10 passes: 30 net
        assertEquals(30, policy.recordEpoch(epoch.withTraining(60, 2, 0), 10));
        for (MeterRegistry registry : registries) {
            // 6 meters, and SimpleMeterRegistry shows each score bucket as a meter of its own
            assertEquals(6 + PolicyMetrics.SCORE_BUCKETS.length, registry.getMeters().size());
            assertEquals(
                    40, registry.get("greentrain.forward.passes.saved").functionCounter().count());
            assertEquals(
                    40, registry.get("greentrain.backward.passes.saved").functionCounter().count());
            assertEquals(
                    10,
                    registry.get("greentrain.sampler.forward.passes").functionCounter().count());
            assertEquals(
                    2,
                    registry.get("greentrain.training.nonfinite.losses").functionCounter().count());
            assertEquals(0.4, registry.get("greentrain.pruning.pruned").gauge().value(), 1e-12);
        }
    }

    @Test
    void theInfoBatchBinderPublishesTheDetailsOnEachRegistry() {
        InfoBatchMetrics infoBatch = new InfoBatchMetrics(TAGS);
        MeterRegistry[] registries = bindTwice(infoBatch);
        infoBatch.observe(
                EpochStats.planned(1, 100, 70, 0, new InfoBatchDetails(50, 20, 0.25, 2f, true)));
        for (MeterRegistry registry : registries) {
            assertEquals(0.25, registry.get("greentrain.pruning.threshold").gauge().value());
            assertEquals(0.5, registry.get("greentrain.pruning.well.learned").gauge().value());
            assertEquals(2, registry.get("greentrain.pruning.weight").gauge().value());
        }
        infoBatch.observe(EpochStats.planned(2, 100, 50, 0, EpochDetails.NONE));
        for (MeterRegistry registry : registries) {
            assertEquals(Double.NaN, registry.get("greentrain.pruning.threshold").gauge().value());
            assertEquals(1, registry.get("greentrain.pruning.weight").gauge().value());
        }
    }

    @Test
    void theDjlTimerBinderRecordsEachTimingOnceOnEachRegistry() {
        DjlTimerMetrics timers = new DjlTimerMetrics(TAGS);
        MeterRegistry[] registries = bindTwice(timers);
        timers.bindTo(registries[0]); // bound again: still recorded once there
        timers.record("forward", 2_000_000);
        timers.record("accumulate", 1); // not a bridged timing
        for (MeterRegistry registry : registries) {
            assertEquals(3, registry.getMeters().size());
            assertEquals(1, registry.get("greentrain.training.forward").timer().count());
            assertEquals(
                    2,
                    registry.get("greentrain.training.forward")
                            .timer()
                            .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS),
                    1e-9);
        }
    }

    @Test
    void theProgressBinderCountsOnEachRegistry() {
        TrainingProgressMetrics progress = new TrainingProgressMetrics(TAGS, "Accuracy", 3, false);
        MeterRegistry[] registries = bindTwice(progress);
        progress.recordTrainingBatch(64);
        progress.recordTrainingBatch(36);
        progress.recordValidationBatch(50);
        for (MeterRegistry registry : registries) {
            assertEquals(11, registry.getMeters().size());
            assertEquals(
                    100, registry.get("greentrain.training.samples").functionCounter().count());
            assertEquals(2, registry.get("greentrain.training.batches").functionCounter().count());
            assertEquals(
                    50, registry.get("greentrain.validation.samples").functionCounter().count());
            assertEquals(3, registry.get("greentrain.training.epochs.planned").gauge().value());
        }
    }
}
