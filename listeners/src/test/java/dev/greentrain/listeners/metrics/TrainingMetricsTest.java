package dev.greentrain.listeners.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.dream.DreamSampler;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.InfoBatchDetails;
import dev.greentrain.listeners.PrometheusServers;
import dev.greentrain.listeners.SyntheticTraining;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.pruning.EpochStats;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class TrainingMetricsTest {

    @TempDir Path dir;

    private static RequiredSearch meter(MeterRegistry registry, String name, String run) {
        return registry.get(name).tag("run", run);
    }

    @Test
    void publishesTheSamplersOwnForwardPassesAndNetsThemOutOfTheEnergySaved() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EnergyMetrics energy = EnergyMetrics.builder().build();
        TrainingMetrics metrics =
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun("dream")
                        .optEnergy(energy)
                        .build();
        DreamSampler sampler = SyntheticTraining.trainDream(metrics);
        // 6 epochs, re-clustered every 2: 3 embedding passes over the 2,048 samples
        assertEquals(3L * SyntheticTraining.SIZE, sampler.getSamplerForwardPasses());
        assertEquals(
                sampler.getSamplerForwardPasses(),
                meter(registry, "greentrain.sampler.forward.passes", "dream")
                        .functionCounter()
                        .count());
        assertEquals(
                6L * SyntheticTraining.SIZE / 2,
                meter(registry, "greentrain.forward.passes.saved", "dream")
                        .functionCounter()
                        .count(),
                "half the data skipped every epoch");
        // it skipped 6,144 samples but spent 6,144 embedding passes: the net saving is zero
        assertEquals(0, energy.finish().samplesSaved());
    }

    /** Energy that a listener adds: 1 J per trained sample, 0.5 J per evaluated sample. */
    private static final class CountingEnergy
            extends ai.djl.training.listener.TrainingListenerAdapter
            implements dev.greentrain.listeners.energy.EnergySource {
        private volatile double joules;

        @Override
        public String component() {
            return "cpu";
        }

        @Override
        public String method() {
            return "cpu-model";
        }

        @Override
        public double joules() {
            return joules;
        }

        @Override
        public void onTrainingBatch(ai.djl.training.Trainer trainer, BatchData batchData) {
            joules += batchData.getBatch().getSize();
        }

        @Override
        public void onValidationBatch(ai.djl.training.Trainer trainer, BatchData batchData) {
            joules += 0.5 * batchData.getBatch().getSize();
        }
    }

    @Test
    void aPrunedRunReportsEnergyPerPhaseASavingFromTheTrainPhaseAndAForecast() throws Exception {
        CountingEnergy counting = new CountingEnergy();
        EnergyMetrics energy =
                EnergyMetrics.builder()
                        .optSources(java.util.List.of(counting))
                        .optInterval(java.time.Duration.ofHours(1))
                        .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainingMetrics metrics =
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun("phases")
                        .optVariant("infobatch")
                        .optEnergy(energy)
                        .optPlannedEpochs(SyntheticTraining.EPOCHS)
                        .build();
        java.util.List<Double> forecasts = new java.util.ArrayList<>();
        ai.djl.training.listener.TrainingListener afterEachEpoch =
                new ai.djl.training.listener.TrainingListenerAdapter() {
                    @Override
                    public void onEpoch(ai.djl.training.Trainer trainer) {
                        forecasts.add(energy.getForecastJoules());
                    }
                };
        // the counting listener runs before the metrics: a batch's joules are in place when the
        // metrics mark the end of the train phase
        InfoBatch infoBatch = SyntheticTraining.train(true, counting, metrics, afterEachEpoch);

        long trained =
                infoBatch.getEpochStats().stream().mapToLong(EpochStats::samplesInEpoch).sum();
        long pruned = infoBatch.getEpochStats().stream().mapToLong(EpochStats::pruned).sum();
        double evaluated = 0.5 * 256 * SyntheticTraining.EPOCHS;
        assertEquals(trained, phase(registry, "train"), 1e-9, "every trained sample's joule");
        assertEquals(evaluated, phase(registry, "evaluate"), 1e-9, "the evaluations' joules");
        assertEquals(0, phase(registry, "method"), 1e-9, "InfoBatch's planning cost nothing here");
        // the train phase costs exactly 1 J per sample, so the saving is 1 J per skipped sample;
        // spreading the evaluations over the trained samples would have overstated it
        assertEquals(pruned, energy.finish().savedJoules(), 1e-9);
        double total = trained + evaluated;
        assertEquals(total, forecasts.get(forecasts.size() - 1), 1e-9, "nothing left to plan");
        double afterSecond = forecasts.get(1);
        assertTrue(
                Math.abs(afterSecond - total) < 0.1 * total,
                "forecast after epoch 2 " + afterSecond + " vs final " + total);
    }

    private static double phase(MeterRegistry registry, String phase) {
        return registry.get("greentrain.energy.phase")
                .tag("phase", phase)
                .functionCounter()
                .count();
    }

    @Test
    void publishesTheRunOfAnInfoBatchTraining() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrainingMetrics metrics =
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun("ib")
                        .optVariant("infobatch")
                        .optModel("mlp")
                        .optDataset("blobs")
                        .optDjlTimers(true)
                        .build();
        InfoBatch infoBatch = SyntheticTraining.train(true, metrics);

        long trained =
                infoBatch.getEpochStats().stream().mapToLong(EpochStats::samplesInEpoch).sum();
        long pruned = infoBatch.getEpochStats().stream().mapToLong(EpochStats::pruned).sum();
        assertTrue(pruned > 0, "the run pruned");
        assertEquals("infobatch", metrics.getTags().variant());
        assertEquals(
                trained,
                meter(registry, "greentrain.training.samples", "ib").functionCounter().count());
        assertEquals(
                pruned,
                meter(registry, "greentrain.forward.passes.saved", "ib").functionCounter().count());
        assertEquals(
                pruned,
                meter(registry, "greentrain.backward.passes.saved", "ib")
                        .functionCounter()
                        .count());
        assertEquals(
                SyntheticTraining.EPOCHS,
                meter(registry, "greentrain.training.epochs", "ib").functionCounter().count());
        assertEquals(
                256 * SyntheticTraining.EPOCHS,
                meter(registry, "greentrain.validation.samples", "ib").functionCounter().count());
        assertEquals(
                SyntheticTraining.EPOCHS,
                meter(registry, "greentrain.training.epoch.duration", "ib").timer().count());
        long batches =
                (long)
                        meter(registry, "greentrain.training.batches", "ib")
                                .functionCounter()
                                .count();
        assertTrue(batches >= trained / 64, "batches " + batches);
        assertEquals(
                batches,
                meter(registry, "greentrain.training.forward", "ib").timer().count(),
                "DJL forward timings bridged");
        assertEquals(
                batches, meter(registry, "greentrain.training.backward", "ib").timer().count());
        assertEquals(batches, meter(registry, "greentrain.training.step", "ib").timer().count());
        assertTrue(
                meter(registry, "greentrain.training.forward", "ib")
                                .timer()
                                .totalTime(TimeUnit.NANOSECONDS)
                        > 0);
        EpochStats last = infoBatch.getEpochStats().get(SyntheticTraining.EPOCHS - 1);
        assertEquals(
                InfoBatchDetails.of(last).threshold(),
                meter(registry, "greentrain.pruning.threshold", "ib").gauge().value(),
                1e-9);
        assertEquals(
                0,
                meter(registry, "greentrain.pruning.pruned", "ib").gauge().value(),
                "annealed last epoch");
        double accuracy =
                registry.get("greentrain.training.accuracy")
                        .tags("run", "ib", "phase", "validate")
                        .gauge()
                        .value();
        assertTrue(accuracy > 0.5 && accuracy <= 1, "validation accuracy " + accuracy);
        assertTrue(
                registry.get("greentrain.training.loss")
                                .tags("run", "ib", "phase", "train")
                                .gauge()
                                .value()
                        > 0);
        assertTrue(
                meter(registry, "greentrain.pruning.scores", "ib").summary().count()
                        >= SyntheticTraining.SIZE);
        for (Meter m : registry.getMeters()) {
            assertEquals("ib", m.getId().getTag("run"));
            assertEquals("mlp", m.getId().getTag("model"));
            assertEquals("blobs", m.getId().getTag("dataset"));
            assertTrue(
                    m.getId().getDescription() != null && !m.getId().getDescription().isBlank(),
                    m.getId().getName());
        }
        String scrape = registry.scrape();
        assertTrue(scrape.contains("greentrain_forward_passes_saved_total{"), scrape);
        assertTrue(scrape.contains("greentrain_training_epoch_duration_seconds_count{"), scrape);
        assertPromtoolFindsNothing(scrape);
    }

    @Test
    void countsEveryNonFiniteLossOfAPoisonedSample() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrainingMetrics metrics =
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun("nan")
                        .optVariant("infobatch")
                        .optModel("mlp")
                        .optDataset("blobs")
                        .build();
        // sample 300 is outside the validation slice (the first 256), so only training sees it
        InfoBatch infoBatch = SyntheticTraining.trainWithNaNSample(300, metrics);
        for (EpochStats stats : infoBatch.getEpochStats()) {
            assertEquals(1, stats.nonFiniteLosses(), "epoch " + stats.epoch());
        }
        assertEquals(
                SyntheticTraining.EPOCHS,
                meter(registry, "greentrain.training.nonfinite.losses", "nan")
                        .tags("variant", "infobatch", "model", "mlp", "dataset", "blobs")
                        .functionCounter()
                        .count(),
                "one non-finite loss per epoch, with the run's tags");
        double trainLoss =
                registry.get("greentrain.training.loss")
                        .tags("run", "nan", "phase", "train")
                        .gauge()
                        .value();
        assertTrue(Double.isFinite(trainLoss) && trainLoss > 0, "train loss " + trainLoss);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("greentrain_training_nonfinite_losses_total{"), scrape);
        assertPromtoolFindsNothing(scrape);
    }

    @Test
    void aBaselineRunPublishesTheSameSeriesWithNothingSaved() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrainingMetrics metrics =
                TrainingMetrics.builder().setRegistry(registry).optRun("base").build();
        SyntheticTraining.train(false, metrics);
        assertEquals("baseline", metrics.getTags().variant());
        assertEquals(
                0,
                meter(registry, "greentrain.training.nonfinite.losses", "base")
                        .functionCounter()
                        .count());
        assertEquals(
                0,
                meter(registry, "greentrain.forward.passes.saved", "base")
                        .functionCounter()
                        .count());
        assertEquals(
                SyntheticTraining.SIZE * SyntheticTraining.EPOCHS,
                meter(registry, "greentrain.training.samples", "base").functionCounter().count());
        assertTrue(
                Double.isNaN(
                        meter(registry, "greentrain.pruning.threshold", "base").gauge().value()));
        assertPromtoolFindsNothing(registry.scrape());
    }

    @Test
    void twoRunsInOneRegistryKeepSeparateSeries() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SyntheticTraining.train(
                false, TrainingMetrics.builder().setRegistry(registry).optRun("a").build());
        InfoBatch infoBatch =
                SyntheticTraining.train(
                        true, TrainingMetrics.builder().setRegistry(registry).optRun("b").build());
        assertEquals(
                0,
                meter(registry, "greentrain.forward.passes.saved", "a").functionCounter().count());
        assertEquals(
                infoBatch.getEpochStats().stream().mapToLong(EpochStats::pruned).sum(),
                meter(registry, "greentrain.forward.passes.saved", "b").functionCounter().count());
        assertPromtoolFindsNothing(registry.scrape());
    }

    @Test
    void aFinishedRunsCountsSurviveGarbageCollection() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SyntheticTraining.train(
                false, TrainingMetrics.builder().setRegistry(registry).optRun("gc").build());
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertEquals(
                SyntheticTraining.SIZE * SyntheticTraining.EPOCHS,
                meter(registry, "greentrain.training.samples", "gc").functionCounter().count());
        assertTrue(registry.scrape().contains("greentrain_training_samples_total{"));
    }

    @Test
    void djlMetricsTheUserSetsKeepWorkingBehindTheTimerBridge() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ai.djl.metric.Metrics userMetrics = new ai.djl.metric.Metrics();
        ai.djl.training.listener.TrainingListener setUserMetrics =
                new ai.djl.training.listener.TrainingListenerAdapter() {
                    @Override
                    public void onTrainingBegin(ai.djl.training.Trainer trainer) {
                        trainer.setMetrics(userMetrics); // after our listener installed its bridge
                    }
                };
        SyntheticTraining.train(
                false,
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun("user")
                        .optDjlTimers(true)
                        .build(),
                setUserMetrics);
        long batches =
                (long)
                        meter(registry, "greentrain.training.batches", "user")
                                .functionCounter()
                                .count();
        assertTrue(userMetrics.getMetric("forward").size() > 0, "the user's Metrics still record");
        // the first batch ran before the bridge was put back in front of the user's Metrics
        assertTrue(
                meter(registry, "greentrain.training.forward", "user").timer().count()
                        >= batches - 1);
    }

    /** Every meter of a registry by name and tags, with the value(s) it measured. */
    private static Map<String, String> measurements(MeterRegistry registry) {
        Map<String, String> all = new TreeMap<>();
        for (Meter m : registry.getMeters()) {
            StringBuilder values = new StringBuilder();
            m.measure()
                    .forEach(
                            ms ->
                                    values.append(ms.getStatistic())
                                            .append('=')
                                            .append(ms.getValue())
                                            .append(' '));
            all.put(m.getId().getName() + m.getId().getTags(), values.toString());
        }
        return all;
    }

    @Test
    void twoRegistriesBoundToOneListenerEachGetEveryMeterWithTheSameValues() throws Exception {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        TrainingMetrics metrics =
                TrainingMetrics.builder()
                        .optRun("two")
                        .optVariant("infobatch")
                        .optDjlTimers(true)
                        .optLearningRate(ai.djl.training.tracker.Tracker.fixed(0.1f))
                        .optPlannedEpochs(SyntheticTraining.EPOCHS)
                        .build();
        metrics.bindTo(first);
        metrics.bindTo(second); // not ignored: the second registry gets every meter too
        metrics.bindTo(first); // binding a registry again registers (and records) nothing twice
        InfoBatch infoBatch = SyntheticTraining.train(true, metrics);

        Map<String, String> inFirst = measurements(first);
        assertEquals(inFirst, measurements(second));
        // 24 meters, and SimpleMeterRegistry shows each score bucket as a meter of its own
        assertEquals(
                24 + PolicyMetrics.SCORE_BUCKETS.length,
                inFirst.size(),
                inFirst.keySet().toString());
        long batches =
                (long)
                        meter(second, "greentrain.training.batches", "two")
                                .functionCounter()
                                .count();
        assertEquals(batches, meter(second, "greentrain.training.forward", "two").timer().count());
        assertEquals(batches, meter(first, "greentrain.training.forward", "two").timer().count());
        assertEquals(
                infoBatch.getEpochStats().stream().mapToLong(EpochStats::pruned).sum(),
                meter(second, "greentrain.forward.passes.saved", "two").functionCounter().count());
        assertEquals(
                SyntheticTraining.EPOCHS,
                meter(second, "greentrain.training.epoch.duration", "two").timer().count());
    }

    @Test
    void theVariantTagIsTheCallersAndTheDefaultOnlyWhenNoneIsGiven() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SyntheticTraining.train(
                true,
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun("named")
                        .optVariant("ib-r05")
                        .build());
        TrainingMetrics unnamed =
                TrainingMetrics.builder().setRegistry(registry).optRun("unnamed").build();
        SyntheticTraining.train(true, unnamed);
        assertEquals("baseline", unnamed.getTags().variant(), "not derived from InfoBatch's class");
        for (Meter m : registry.getMeters()) {
            String expected = "named".equals(m.getId().getTag("run")) ? "ib-r05" : "baseline";
            assertEquals(expected, m.getId().getTag("variant"), m.getId().toString());
        }
    }

    @Test
    void withoutTheOptInTheTrainersMetricsAreLeftAlone() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ai.djl.metric.Metrics userMetrics = new ai.djl.metric.Metrics();
        ai.djl.metric.Metrics[] atEnd = new ai.djl.metric.Metrics[2];
        ai.djl.training.listener.TrainingListener user =
                new ai.djl.training.listener.TrainingListenerAdapter() {
                    @Override
                    public void onTrainingBegin(ai.djl.training.Trainer trainer) {
                        atEnd[0] = trainer.getMetrics(); // what the trainer had: none
                        trainer.setMetrics(userMetrics);
                    }

                    @Override
                    public void onTrainingEnd(ai.djl.training.Trainer trainer) {
                        atEnd[1] = trainer.getMetrics();
                    }
                };
        SyntheticTraining.train(
                false,
                TrainingMetrics.builder().setRegistry(registry).optRun("plain").build(),
                user);
        assertEquals(null, atEnd[0], "no Metrics set on the trainer at the start of training");
        assertTrue(atEnd[1] == userMetrics, "the user's Metrics stay the trainer's own");
        assertTrue(registry.find("greentrain.training.forward").meters().isEmpty());
    }

    @Test
    void badTagValuesGiveClearErrors() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingMetrics.builder().optRun("my run #1").build());
        assertTrue(e.getMessage().contains("run=\"my run #1\""), e.getMessage());
        assertTrue(e.getMessage().contains("letters, digits"), e.getMessage());
    }

    private void assertPromtoolFindsNothing(String scrape) throws Exception {
        PrometheusServers.assertPromtoolFindsNothing(scrape, dir);
    }
}
