package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.util.Progress;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.loss.UnsupportedLossException;
import dev.greentrain.pruning.EpochStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrunedTrainingTest {

    private static final int TRAIN = 4096;
    private static final int TEST = 2048;
    private static final int FEATURES = Blobs.FEATURES;
    private static final int BATCH = 64;
    private static final int EPOCHS = 8;

    @TempDir Path dir;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDList blobs(int size, long seed) {
        return Blobs.of(manager, size, seed);
    }

    private ArrayDataset dataset(NDList xy) {
        return new ArrayDataset.Builder()
                .setData(xy.get(0))
                .optLabels(xy.get(1))
                .setSampling(BATCH, true)
                .build();
    }

    private static Model model() {
        return Blobs.mlp(32);
    }

    private static DefaultTrainingConfig config(Loss loss, TrainingListener... extra) {
        return Blobs.config(loss, extra);
    }

    private Trainer trainer(Model model, DefaultTrainingConfig config) {
        Engine.getInstance().setRandomSeed(1234);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, FEATURES));
        return trainer;
    }

    private static double accuracy(Model model, NDList test) {
        NDArray predictions =
                model.getBlock()
                        .forward(
                                new ParameterStore(test.head().getManager(), false),
                                new NDList(test.get(0)),
                                false)
                        .head();
        NDArray correct = predictions.argMax(1).toType(DataType.FLOAT32, false).eq(test.get(1));
        return correct.sum().getLong() / (double) test.get(1).size();
    }

    @Tag("integration")
    @Test
    void infoBatchForwardsFewerSamplesAndMatchesFullDataAccuracy() throws Exception {
        NDList train = blobs(TRAIN, 1);
        NDList test = blobs(TEST, 2);

        double baselineAccuracy;
        try (Model model = model();
                Trainer trainer = trainer(model, config(Loss.softmaxCrossEntropyLoss()))) {
            EasyTrain.fit(trainer, EPOCHS, dataset(train), null);
            baselineAccuracy = accuracy(model, test);
        }

        Recorder recorder = new Recorder();
        TrainingProgress progress = new TrainingProgress();
        InfoBatch infoBatch;
        double infoBatchAccuracy;
        TrainingResult result;
        try (Model model = model();
                Trainer trainer =
                        trainer(
                                model,
                                config(Loss.softmaxCrossEntropyLoss(), recorder, progress))) {
            infoBatch = InfoBatchTrain.fit(trainer, EPOCHS, dataset(train), dataset(test));
            result = trainer.getTrainingResult();
            infoBatchAccuracy = accuracy(model, test);
            model.save(dir, "mlp");
        }

        long forwarded =
                infoBatch.getEpochStats().stream().mapToLong(EpochStats::samplesInEpoch).sum();
        assertEquals(EPOCHS, infoBatch.getEpochStats().size());
        assertEquals(TRAIN, infoBatch.getEpochStats().get(0).samplesInEpoch(), "epoch 0 is full");
        assertEquals(TRAIN, infoBatch.getEpochStats().get(EPOCHS - 1).samplesInEpoch(), "annealed");
        assertTrue(
                forwarded < 0.85 * TRAIN * EPOCHS,
                "forwarded " + forwarded + " of " + (TRAIN * EPOCHS));
        assertEquals(forwarded, recorder.rows.get(), "listeners saw every trained row");
        assertTrue(baselineAccuracy > 0.8, "baseline accuracy " + baselineAccuracy);
        assertEquals(baselineAccuracy, infoBatchAccuracy, 0.03, "comparable accuracy");

        assertEquals(EPOCHS, result.getEpoch());
        assertTrue(result.getTrainLoss() != null && result.getTrainLoss() > 0);
        assertTrue(result.getValidateEvaluation("Accuracy") > 0.8);
        try (var saved = Files.list(dir)) {
            assertTrue(
                    saved.anyMatch(p -> p.getFileName().toString().endsWith(".params")),
                    "model saved");
        }
        for (long[] last : recorder.lastProgressPerEpoch) {
            assertEquals(last[1], last[0], "progress reaches its total every epoch");
        }
        assertEquals(EPOCHS, progress.getCompletedEpochs());
    }

    @Test
    void unsupportedLossFailsBeforeTraining() {
        Loss custom =
                new Loss("custom") {
                    @Override
                    public NDArray evaluate(NDList labels, NDList predictions) {
                        return predictions.head().sum();
                    }
                };
        Recorder recorder = new Recorder();
        try (Model model = model();
                Trainer trainer = trainer(model, config(custom, recorder))) {
            UnsupportedLossException e =
                    assertThrows(
                            UnsupportedLossException.class,
                            () -> InfoBatchTrain.fit(trainer, 2, dataset(blobs(256, 3)), null));
            assertTrue(e.getMessage().contains("PerSampleLoss"), e.getMessage());
            assertEquals(0, recorder.rows.get(), "nothing trained");
        }
    }

    @Test
    void datasetsThatCannotBePrunedGiveClearErrors() {
        Dataset notRandomAccess =
                new Dataset() {
                    @Override
                    public Iterable<Batch> getData(NDManager manager) {
                        return List.of();
                    }

                    @Override
                    public Iterable<Batch> getData(NDManager manager, ExecutorService executor) {
                        return List.of();
                    }

                    @Override
                    public void prepare(Progress progress) {}
                };
        try (Model model = model();
                Trainer trainer = trainer(model, config(Loss.softmaxCrossEntropyLoss()))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> InfoBatchTrain.fit(trainer, 2, notRandomAccess, null));
            assertTrue(e.getMessage().contains("needs a RandomAccessDataset"), e.getMessage());
            ArrayDataset empty =
                    new ArrayDataset.Builder()
                            .setData(manager.zeros(new Shape(0, FEATURES)))
                            .optLabels(manager.zeros(new Shape(0)))
                            .setSampling(BATCH, true)
                            .build();
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> InfoBatchTrain.fit(trainer, 2, empty, null));
            assertTrue(e.getMessage().contains("is empty (size 0)"), e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> InfoBatchTrain.fit(trainer, 0, dataset(blobs(64, 4)), null));
            assertTrue(e.getMessage().contains("Epochs = 0"), e.getMessage());
        }
    }

    @Test
    void waitsForEverySplitBeforeReturning() {
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            AtomicInteger finished = new AtomicInteger();
            int splits = 3;
            PrunedTraining.runSplits(
                    executor,
                    splits,
                    split -> {
                        try {
                            TimeUnit.MILLISECONDS.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        finished.incrementAndGet();
                    });
            assertEquals(3, finished.get(), "every split finished before listeners may run");
            IllegalStateException failure =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    PrunedTraining.runSplits(
                                            executor,
                                            splits,
                                            split -> {
                                                throw new IllegalStateException("split failed");
                                            }));
            assertEquals("split failed", failure.getMessage());
        } finally {
            executor.shutdownNow();
        }
    }

    /** Counts trained rows and the last progress of every epoch, and checks the labels seen. */
    private static final class Recorder extends TrainingListenerAdapter {
        final AtomicInteger rows = new AtomicInteger();
        final List<long[]> lastProgressPerEpoch = new ArrayList<>();
        private long[] last;

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            for (NDList labels : batchData.getLabels().values()) {
                assertEquals(1, labels.size(), "listeners see only the original labels");
                rows.addAndGet((int) labels.head().getShape().get(0));
            }
            Batch batch = batchData.getBatch();
            last = new long[] {batch.getProgress(), batch.getProgressTotal()};
        }

        @Override
        public void onEpoch(Trainer trainer) {
            lastProgressPerEpoch.add(last);
        }
    }
}
