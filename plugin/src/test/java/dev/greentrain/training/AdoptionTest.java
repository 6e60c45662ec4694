package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.loss.PerSampleSoftmaxCrossEntropyLoss;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PrunedDataset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A new user's one-line adoption with the real engine: nothing is silently different. */
@Tag("integration")
class AdoptionTest extends ManagedTest {

    private static final int SIZE = 640;
    private static final int BATCH = 64;
    private static final int UPDATES_PER_EPOCH = SIZE / BATCH;

    private ArrayDataset blobs(boolean shuffle) {
        NDList xy = Blobs.of(manager, SIZE, 5);
        return new ArrayDataset.Builder()
                .setData(xy.get(0))
                .optLabels(xy.get(1))
                .setSampling(BATCH, shuffle)
                .build();
    }

    private ArrayDataset blobs(Sampler sampler) {
        NDList xy = Blobs.of(manager, SIZE, 5);
        return new ArrayDataset.Builder()
                .setData(xy.get(0))
                .optLabels(xy.get(1))
                .setSampling(sampler)
                .build();
    }

    private static Trainer trainer(
            Model model, Tracker learningRate, TrainingListener... listeners) {
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(new PerSampleSoftmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).build())
                        .addTrainingListeners(listeners);
        Engine.getInstance().setRandomSeed(1234);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, Blobs.FEATURES));
        return trainer;
    }

    private static Trainer trainer(Model model, Indices indices) {
        return trainer(model, Tracker.fixed(0.01f), indices);
    }

    @Test
    void aCustomSamplerIsRefusedBeforeTrainingUnlessThePlanMayReplaceIt() throws Exception {
        ArrayDataset weighted = blobs(new BatchSampler(new FirstHalfTwice(), BATCH));
        Indices seen = new Indices();
        try (Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, seen)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> InfoBatchTrain.fit(trainer, 4, weighted, null));
            String message = e.getMessage();
            assertTrue(message.contains(FirstHalfTwice.class.getName()), message);
            assertTrue(message.contains("pruning replaces the dataset's sampler"), message);
            assertTrue(message.contains("setSampling(batchSize, true)"), message);
            assertTrue(message.contains("setSampling(batchSize, false)"), message);
            assertTrue(message.contains("optReplaceSampler(true)"), message);
            assertEquals(0, seen.epochs.size() + seen.current.size(), "nothing trained");

            // the explicit opt-in: the plan replaces the sampler and trains every sample once
            InfoBatch infoBatch = InfoBatch.builder().setDatasetSize(SIZE).setEpochs(2).build();
            PrunedDataset pruned =
                    PrunedDataset.builder()
                            .setDataset(weighted)
                            .setPolicy(infoBatch)
                            .optReplaceSampler(true)
                            .build();
            PrunedTraining.fit(trainer, 1, pruned, null);
            assertEquals(
                    LongStream.range(0, SIZE).boxed().toList(),
                    seen.epochs.get(0).stream().sorted().toList());
        }
    }

    @Test
    void trainingWithoutShufflingKeepsTheKeptSamplesInIndexOrder() throws Exception {
        Indices seen = new Indices();
        InfoBatch infoBatch;
        try (Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, seen)) {
            infoBatch = InfoBatchTrain.fit(trainer, 4, blobs(false), null);
        }
        assertEquals(LongStream.range(0, SIZE).boxed().toList(), seen.epochs.get(0));
        assertTrue(infoBatch.getEpochStats().get(1).pruned() > 0, "epoch 1 prunes");
        for (int epoch = 0; epoch < 4; epoch++) {
            List<Long> order = seen.epochs.get(epoch);
            assertEquals(infoBatch.getEpochStats().get(epoch).samplesInEpoch(), order.size());
            assertEquals(order.stream().sorted().distinct().toList(), order, "epoch " + epoch);
        }
    }

    @Test
    void callingTheOneLineFitOncePerEpochIsRefusedWithTheFixWhichWorks() throws Exception {
        ArrayDataset data = blobs(true);
        Indices seen = new Indices();
        try (Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, seen)) {
            InfoBatchTrain.fit(trainer, 1, data, null);
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> InfoBatchTrain.fit(trainer, 1, data, null));
            String message = e.getMessage();
            assertTrue(message.contains("prune nothing and repeat the same"), message);
            assertTrue(message.contains(".setEpochs(totalEpochs)"), message);
            assertTrue(
                    message.contains("InfoBatchTrain.fit(trainer, 1, train, validate, infoBatch)"),
                    message);
            assertEquals(1, seen.epochs.size(), "the refused call trained nothing");
            assertThrows(
                    IllegalStateException.class,
                    () -> DreamTrain.fit(trainer, 1, data, null, 0.5),
                    "DREAM's one-line fit on the same trainer is refused too");
        }

        // the fix: one pruner for the run, passed to every call, continues its epochs and order
        Indices fixed = new Indices();
        InfoBatch infoBatch = InfoBatch.builder().setDatasetSize(SIZE).setEpochs(4).build();
        try (StderrCapture log = new StderrCapture();
                Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, fixed)) {
            for (int epoch = 0; epoch < 4; epoch++) {
                InfoBatchTrain.fit(trainer, 1, data, null, infoBatch);
            }
            assertEquals(1, log.count("InfoBatch trained"), "one summary, at the run's end");
            assertEquals(1, log.count("(4 epochs of 640)"), log.text());
        }
        List<EpochStats> stats = infoBatch.getEpochStats();
        assertEquals(4, stats.size());
        assertTrue(stats.get(1).pruned() > 0, "epoch 1 prunes");
        assertNotEquals(fixed.epochs.get(0), fixed.epochs.get(3), "a new order every epoch");
    }

    @Test
    void aShortRunSaysWhyItSavedLittle() throws Exception {
        try (StderrCapture log = new StderrCapture();
                Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, new Indices())) {
            InfoBatchTrain.fit(trainer, 2, blobs(true), null);
            String text = log.text();
            assertEquals(1, log.count("INFO"), text);
            assertTrue(
                    text.contains(
                            "InfoBatch trained 1280 of 1280 samples (2 epochs of 640); pruning"
                                    + " saved 0 forward and backward passes (0.0%). 2 of 2 epoch(s)"
                                    + " trained on all data, 1 because no sample had a loss yet"
                                    + " (epoch 0), 1 annealing"),
                    text);
            assertTrue(text.contains("no epoch can prune"), text);
            assertFalse(text.contains("harder"), "nothing was pruned: " + text);
        }
    }

    @Test
    void prunedEpochsSayTrainingAccuracyAndLossAreMeasuredOnTheHarderSamples() throws Exception {
        try (StderrCapture log = new StderrCapture();
                Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, new Indices())) {
            InfoBatch infoBatch = InfoBatchTrain.fit(trainer, 8, blobs(true), null);
            long trained =
                    infoBatch.getEpochStats().stream().mapToLong(EpochStats::samplesInEpoch).sum();
            String text = log.text();
            assertTrue(
                    text.contains("InfoBatch trained " + trained + " of " + 8 * SIZE + " samples"),
                    text);
            assertTrue(text.contains("only epochs 1 to 6 can prune"), text);
            assertTrue(
                    text.contains(
                            "The training accuracy and loss DJL prints for pruned epochs are"
                                    + " measured on the kept samples, the harder ones"),
                    text);
        }
    }

    @Test
    void anUpdateKeyedScheduleStaysOnFullDataEpochs() throws Exception {
        RecordingSchedule schedule =
                new RecordingSchedule(
                        Tracker.multiFactor()
                                .setSteps(new int[] {2 * UPDATES_PER_EPOCH, 3 * UPDATES_PER_EPOCH})
                                .optFactor(0.1f)
                                .setBaseValue(0.01f)
                                .build());
        LastUpdatePerEpoch last = new LastUpdatePerEpoch(schedule);
        ArrayDataset data = blobs(true);
        InfoBatch infoBatch;
        try (Model model = Blobs.mlp(16);
                Trainer trainer = trainer(model, schedule, last)) {
            infoBatch = InfoBatchTrain.fit(trainer, 4, data, null);
            long steps =
                    infoBatch.getEpochStats().stream()
                            .mapToLong(s -> (s.samplesInEpoch() + BATCH - 1) / BATCH)
                            .sum();
            assertTrue(steps < 4 * UPDATES_PER_EPOCH, "pruning made fewer updates: " + steps);
            List<Integer> fullDataEpochEnds = new ArrayList<>();
            for (int epoch = 1; epoch <= 4; epoch++) {
                fullDataEpochEnds.add(epoch * UPDATES_PER_EPOCH);
            }
            assertEquals(fullDataEpochEnds, last.updates, "the schedule is read at full epochs");

            // afterwards the optimizer has the user's schedule again, keyed on its own updates
            last.updates.clear();
            EasyTrain.fit(trainer, 1, data, null);
            assertEquals(List.of((int) steps + UPDATES_PER_EPOCH), last.updates);
        }
    }

    /** Records the batch indices of every epoch. */
    private static final class Indices extends TrainingListenerAdapter {
        final List<List<Long>> epochs = new ArrayList<>();
        final List<Long> current = new ArrayList<>();

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            for (Object index : batchData.getBatch().getIndices()) {
                current.add((Long) index);
            }
        }

        @Override
        public void onEpoch(Trainer trainer) {
            epochs.add(new ArrayList<>(current));
            current.clear();
        }
    }

    /** A user's sub-sampler that trains the first half of the data twice per epoch. */
    private static final class FirstHalfTwice implements Sampler.SubSampler {
        @Override
        public Iterator<Long> sample(RandomAccessDataset dataset) {
            long half = dataset.size() / 2;
            return LongStream.range(0, 2 * half).map(i -> i % half).iterator();
        }
    }

    /** A schedule that records the update count it is asked for. */
    private static final class RecordingSchedule implements Tracker {
        private final Tracker schedule;
        volatile int lastUpdate;

        RecordingSchedule(Tracker schedule) {
            this.schedule = schedule;
        }

        @Override
        public float getNewValue(int numUpdate) {
            lastUpdate = numUpdate;
            return schedule.getNewValue(numUpdate);
        }
    }

    /** The update the schedule was last asked for at the end of every epoch. */
    private static final class LastUpdatePerEpoch extends TrainingListenerAdapter {
        final List<Integer> updates = new ArrayList<>();
        private final RecordingSchedule schedule;

        LastUpdatePerEpoch(RecordingSchedule schedule) {
            this.schedule = schedule;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            updates.add(schedule.lastUpdate);
        }
    }
}
