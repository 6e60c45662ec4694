package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.TrainingDivergedException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.DreamSampler;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.loss.PerSampleSoftmaxCrossEntropyLoss;
import dev.greentrain.pruning.EpochStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training faults with the real engine: failed epochs, non-finite losses, empty epochs. */
@Tag("integration")
class TrainingFaultsTest extends ManagedTest {

    private static final int SIZE = 640;
    private static final int FEATURES = Blobs.FEATURES;
    private static final int BATCH = 64;
    private static final int EPOCHS = 4;

    @TempDir Path dir;

    /** Gaussian blobs; the rows listed get a NaN input. */
    private ArrayDataset blobs(int size, int batchSize, boolean dropLast, int... nanRows) {
        NDList xy = Blobs.of(manager, size, 5);
        for (int row : nanRows) {
            xy.get(0).set(new NDIndex(row + ", 3"), Float.NaN);
        }
        return new ArrayDataset.Builder()
                .setData(xy.get(0))
                .optLabels(xy.get(1))
                .setSampling(batchSize, true, dropLast)
                .build();
    }

    private static Model model() {
        return Blobs.mlp(16);
    }

    private static Trainer trainer(
            Model model,
            PerSampleSoftmaxCrossEntropyLoss loss,
            float learningRate,
            TrainingListener... listeners) {
        return trainer(model, loss, Tracker.fixed(learningRate), null, listeners);
    }

    private static Trainer trainer(
            Model model,
            PerSampleSoftmaxCrossEntropyLoss loss,
            float learningRate,
            Initializer weights) {
        return trainer(model, loss, Tracker.fixed(learningRate), weights);
    }

    private static Trainer trainer(
            Model model,
            PerSampleSoftmaxCrossEntropyLoss loss,
            Tracker learningRate,
            Initializer weights,
            TrainingListener... listeners) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss);
        if (weights != null) {
            config.optInitializer(weights, Parameter.Type.WEIGHT);
        }
        config.optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).build())
                .addTrainingListeners(listeners);
        Engine.getInstance().setRandomSeed(1234);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, FEATURES));
        return trainer;
    }

    private static InfoBatch infoBatch(int size) {
        return InfoBatch.builder().setDatasetSize(size).setEpochs(EPOCHS).optSeed(7).build();
    }

    private static void assertParametersFinite(Model model) {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            for (float value : p.getValue().getArray().toFloatArray()) {
                assertTrue(Float.isFinite(value), p.getKey() + " holds " + value);
            }
        }
    }

    @Test
    void aFailedEpochDoesNotCountAndTheResumeTrainsItCompletely() throws Exception {
        ArrayDataset data = blobs(SIZE, BATCH, false);
        InfoBatch first = infoBatch(SIZE);
        FailingLoss failing = new FailingLoss();
        SamplesPerEpoch seenBeforeFailure = new SamplesPerEpoch(failing, 1, 2);
        try (Model model = model();
                Trainer trainer = trainer(model, failing, 0.01f, seenBeforeFailure)) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> InfoBatchTrain.fit(trainer, EPOCHS, data, null, first));
            assertEquals("the loss failed at batch 3 of epoch 1", e.getMessage());
        }
        // the caller still holds the pruner: epoch 1 failed after 2 batches and does not count
        assertEquals(List.of(SIZE, 2 * BATCH), seenBeforeFailure.samples);
        assertEquals(1, first.getNextEpoch());
        assertEquals(1, first.getEpochStats().size());
        Path file = dir.resolve("infobatch.state");
        first.save(file);

        InfoBatch resumed = infoBatch(SIZE);
        resumed.load(file);
        assertEquals(1, resumed.getNextEpoch(), "the resume starts with the failed epoch");
        SamplesPerEpoch seen = new SamplesPerEpoch(null, -1, -1);
        try (Model model = model();
                Trainer trainer =
                        trainer(model, new PerSampleSoftmaxCrossEntropyLoss(), 0.01f, seen)) {
            InfoBatchTrain.fit(trainer, EPOCHS - resumed.getNextEpoch(), data, null, resumed);
        }
        List<EpochStats> stats = resumed.getEpochStats();
        assertEquals(EPOCHS, stats.size());
        EpochStats redone = stats.get(1);
        assertEquals(1, redone.epoch());
        assertTrue(redone.pruned() > 0, "epoch 1 prunes, so it is not trivially the whole data");
        assertEquals(0, redone.samplesDropped());
        assertEquals(
                SIZE - redone.pruned(),
                seen.samples.get(0),
                "the resumed run trains every planned sample of epoch 1");
        assertEquals(redone.samplesInEpoch(), seen.samples.get(0));
        for (int e = 1; e < EPOCHS; e++) {
            assertEquals(stats.get(e).samplesInEpoch(), seen.samples.get(e - 1), "epoch " + e);
        }
    }

    @Test
    void aFailedDreamEpochIsTrainedAgainByTheNextFit() throws Exception {
        ArrayDataset data = blobs(SIZE, BATCH, false);
        DreamSampler sampler =
                DreamSampler.builder()
                        .setClusters(
                                Clustering.builder()
                                        .setDataset(data)
                                        .setEmbedder(Embedder.of("identity", NDList::head))
                                        .optClustersPerClass(2)
                                        .build())
                        .optBudget(0.5)
                        .build();
        FailingLoss failing = new FailingLoss();
        SamplesPerEpoch armed = new SamplesPerEpoch(failing, 1, 2);
        try (Model model = model();
                Trainer trainer = trainer(model, failing, 0.01f, armed)) {
            assertThrows(
                    IllegalStateException.class,
                    () -> DreamTrain.fit(trainer, 3, data, null, sampler));
        }
        assertEquals(1, sampler.getEpochStats().size(), "the failed epoch 1 does not count");
        SamplesPerEpoch seen = new SamplesPerEpoch(null, -1, -1);
        try (Model model = model();
                Trainer trainer =
                        trainer(model, new PerSampleSoftmaxCrossEntropyLoss(), 0.01f, seen)) {
            DreamTrain.fit(trainer, 2, data, null, sampler);
        }
        assertEquals(3, sampler.getEpochStats().size());
        assertEquals(1, sampler.getEpochStats().get(1).epoch());
        int budget = sampler.getSamplesPerEpoch();
        assertEquals(List.of(budget, budget), seen.samples, "epoch 1 trained whole, then epoch 2");
    }

    @Test
    void aPoisonedSampleIsLeftOutCountedAndUnscoredWhileTrainingCarriesOn() throws Exception {
        int poisoned = 17;
        ArrayDataset data = blobs(SIZE, BATCH, false, poisoned);
        InfoBatch infoBatch = infoBatch(SIZE);
        try (StderrCapture log = new StderrCapture();
                Model model = model();
                Trainer trainer = trainer(model, new PerSampleSoftmaxCrossEntropyLoss(), 0.01f)) {
            InfoBatchTrain.fit(trainer, EPOCHS, data, null, infoBatch);
            assertParametersFinite(model);
            assertEquals(
                    EPOCHS,
                    log.count("Sample indices (all 1): [" + poisoned + "]"),
                    "one warning per epoch naming the sample");
        }
        for (EpochStats stats : infoBatch.getEpochStats()) {
            assertEquals(1, stats.nonFiniteLosses(), "epoch " + stats.epoch());
            assertEquals(0, stats.skippedSteps(), "epoch " + stats.epoch());
        }
        assertTrue(Float.isNaN(infoBatch.getScore(poisoned)), "the poisoned sample is unscored");
        for (int i = 0; i < SIZE; i++) {
            if (i != poisoned) {
                assertTrue(Float.isFinite(infoBatch.getScore(i)), "sample " + i + " is scored");
            }
        }
        assertTrue(infoBatch.getEpochStats().get(1).pruned() > 0, "pruning still works");
    }

    @Test
    void aBatchWithoutAFiniteLossSkipsItsStep() throws Exception {
        ArrayDataset data = blobs(SIZE, BATCH, false);
        InfoBatch infoBatch = infoBatch(SIZE);
        NaNLoss loss = new NaNLoss(3, 3); // every loss of the 4th batch is NaN
        ParameterSnapshots snapshots = new ParameterSnapshots();
        try (Model model = model();
                Trainer trainer = trainer(model, loss, 0.01f, snapshots)) {
            InfoBatchTrain.fit(trainer, 1, data, null, infoBatch);
            assertParametersFinite(model);
        }
        EpochStats stats = infoBatch.getEpochStats().get(0);
        assertEquals(1, stats.skippedSteps());
        assertEquals(BATCH, stats.nonFiniteLosses());
        assertEquals(SIZE, stats.samplesInEpoch(), "the poisoned batch was still forwarded");
        List<float[]> before = snapshots.beforeStep;
        assertArrayEquals(before.get(3), before.get(4), "the 4th batch's step was skipped");
        assertFalse(Arrays.equals(before.get(2), before.get(3)), "the 3rd batch stepped");
        assertFalse(Arrays.equals(before.get(4), before.get(5)), "the 5th batch stepped");
    }

    @Test
    void aModelWithNonFiniteParametersStopsTheRun() throws Exception {
        ArrayDataset data = blobs(SIZE, BATCH, false);
        InfoBatch infoBatch = infoBatch(SIZE);
        Initializer nan = (m, shape, type) -> m.full(shape, Float.NaN).toType(type, false);
        try (Model model = model();
                Trainer trainer =
                        trainer(model, new PerSampleSoftmaxCrossEntropyLoss(), 0.01f, nan)) {
            assertDiverged(
                    trainer, data, infoBatch, "Lower the learning rate", "values before training");
        }

        // a parameter that becomes NaN during training (here: set so after the 5th batch)
        TrainingListener poisonAfterFifth =
                new TrainingListenerAdapter() {
                    private int batches;

                    @Override
                    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                        if (++batches == 5) {
                            Parameter weight =
                                    trainer.getModel().getBlock().getParameters().get(0).getValue();
                            weight.getArray().muli(Float.NaN);
                        }
                    }
                };
        PerSampleSoftmaxCrossEntropyLoss plain = new PerSampleSoftmaxCrossEntropyLoss();
        try (Model model = model();
                Trainer trainer = trainer(model, plain, 0.01f, poisonAfterFifth)) {
            assertDiverged(
                    trainer, data, infoBatch, "Lower the learning rate", "in epoch 0 at batch 6,");
        }

        NaNLoss alwaysNaN = new NaNLoss(0, Integer.MAX_VALUE);
        try (Model model = model();
                Trainer trainer = trainer(model, alwaysNaN, 0.01f)) {
            assertDiverged(
                    trainer, data, infoBatch, "Lower the learning rate", "No batch of epoch 0");
        }
    }

    /** Asserts that the run stops with a divergence error saying all the texts, epoch uncounted. */
    private static void assertDiverged(
            Trainer trainer, ArrayDataset data, InfoBatch infoBatch, String... texts) {
        TrainingDivergedException e =
                assertThrows(
                        TrainingDivergedException.class,
                        () -> InfoBatchTrain.fit(trainer, 2, data, null, infoBatch));
        for (String text : texts) {
            assertTrue(e.getMessage().contains(text), e.getMessage());
        }
        assertEquals(0, infoBatch.getNextEpoch(), "the diverged epoch does not count");
    }

    @Test
    void anEpochSmallerThanOneDroppedBatchCountsNoSampleTrainedAndWarnsOnce() throws Exception {
        int size = 30;
        ArrayDataset data = blobs(size, BATCH, true);
        InfoBatch infoBatch = InfoBatch.builder().setDatasetSize(size).setEpochs(2).build();
        SamplesPerEpoch seen = new SamplesPerEpoch(null, -1, -1);
        try (StderrCapture log = new StderrCapture();
                Model model = model();
                Trainer trainer =
                        trainer(model, new PerSampleSoftmaxCrossEntropyLoss(), 0.01f, seen)) {
            InfoBatchTrain.fit(trainer, 2, data, null, infoBatch);
            assertEquals(1, log.count("trains no sample"), log.text());
            assertEquals(1, log.count("fewer than one batch of 64"), log.text());
        }
        assertEquals(List.of(0, 0), seen.samples);
        for (EpochStats stats : infoBatch.getEpochStats()) {
            assertEquals(0, stats.samplesInEpoch(), "samples trained in epoch " + stats.epoch());
            assertEquals(size, stats.samplesDropped());
            assertEquals(0, stats.pruned(), "dropped samples are not savings of pruning");
        }
    }

    /** Counts the samples of each epoch; optionally arms a failing loss after a batch. */
    private static final class SamplesPerEpoch extends TrainingListenerAdapter {
        final List<Integer> samples = new ArrayList<>();
        private final FailingLoss arm;
        private final int armEpoch;
        private final int armAfterBatch;
        private int epoch;
        private int batches;
        private int current;

        SamplesPerEpoch(FailingLoss arm, int armEpoch, int armAfterBatch) {
            this.arm = arm;
            this.armEpoch = armEpoch;
            this.armAfterBatch = armAfterBatch;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            current += batchData.getBatch().getSize();
            batches++;
            if (arm != null && epoch == armEpoch && batches == armAfterBatch) {
                arm.failWith("the loss failed at batch 3 of epoch 1");
                samples.add(current);
            }
        }

        @Override
        public void onEpoch(Trainer trainer) {
            samples.add(current);
            current = 0;
            batches = 0;
            epoch++;
        }
    }

    /** A softmax cross-entropy that throws once armed, as a failing disk or device would. */
    private static final class FailingLoss extends PerSampleSoftmaxCrossEntropyLoss {
        private volatile String failure;

        void failWith(String message) {
            failure = message;
        }

        @Override
        public NDArray evaluatePerSample(NDList labels, NDList predictions) {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return super.evaluatePerSample(labels, predictions);
        }
    }

    /** A softmax cross-entropy whose evaluations from..to (from 0) are NaN on every row. */
    private static final class NaNLoss extends PerSampleSoftmaxCrossEntropyLoss {
        private final int from;
        private final int to;
        private final AtomicInteger calls = new AtomicInteger();

        NaNLoss(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public NDArray evaluatePerSample(NDList labels, NDList predictions) {
            NDArray losses = super.evaluatePerSample(labels, predictions);
            int call = calls.getAndIncrement();
            return call >= from && call <= to ? losses.mul(Float.NaN) : losses;
        }
    }

    /** The first parameter's values as the listeners see them before each step. */
    private static final class ParameterSnapshots extends TrainingListenerAdapter {
        final List<float[]> beforeStep = new ArrayList<>();

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            beforeStep.add(
                    trainer.getModel()
                            .getBlock()
                            .getParameters()
                            .get(0)
                            .getValue()
                            .getArray()
                            .toFloatArray());
        }
    }
}
