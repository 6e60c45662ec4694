package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.DreamSampler;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.dream.StratifiedInfoBatch;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.pruning.EpochStats;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class DreamTrainTest extends ManagedTest {

    private static final int SIZE = 512;
    private static final int FEATURES = 8;
    private static final int CLASSES = 4;

    private ArrayDataset dataset() {
        Random random = new Random(1);
        float[] x = new float[SIZE * FEATURES];
        float[] y = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            int label = i % CLASSES;
            y[i] = label;
            for (int f = 0; f < FEATURES; f++) {
                x[i * FEATURES + f] =
                        (f % CLASSES == label ? 1.5f : 0f) + (float) random.nextGaussian();
            }
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(SIZE, FEATURES)))
                .optLabels(manager.create(y))
                .setSampling(32, true)
                .build();
    }

    private static Trainer trainer(Model model) {
        model.setBlock(
                new SequentialBlock()
                        .add(Linear.builder().setUnits(16).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(CLASSES).build()));
        Engine.getInstance().setRandomSeed(1234);
        Trainer trainer =
                model.newTrainer(
                        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                .optOptimizer(
                                        Optimizer.adam()
                                                .optLearningRateTracker(Tracker.fixed(0.01f))
                                                .build())
                                .addTrainingListeners(TrainingListener.Defaults.basic()));
        trainer.initialize(new Shape(32, FEATURES));
        return trainer;
    }

    @Test
    void oneLineFitTrainsOnTheBudgetAndCountsEmbeddingPasses() throws Exception {
        try (Model model = Model.newInstance("mlp");
                Trainer trainer = trainer(model)) {
            DreamSampler sampler = DreamTrain.fit(trainer, 2, dataset(), null, 0.25);
            assertEquals(2, sampler.getEpochStats().size());
            for (EpochStats stats : sampler.getEpochStats()) {
                assertEquals(128, stats.samplesInEpoch());
                assertEquals(384, stats.pruned());
            }
            // re-clustered before each of the 2 epochs: 512 embedding forward passes each
            assertEquals(1024, sampler.getSamplerForwardPasses());
            assertEquals(1024, sampler.getEmbeddingForwardPasses());
            assertTrue(Float.isFinite(trainer.getTrainingResult().getTrainLoss()));
        }
    }

    @Test
    void stratifiedInfoBatchTrainsThroughTheSameEntryPoint() throws Exception {
        try (Model model = Model.newInstance("mlp");
                Trainer trainer = trainer(model)) {
            ArrayDataset dataset = dataset();
            Clustering clustering =
                    Clustering.builder()
                            .setDataset(dataset)
                            .setEmbedder(Embedder.features(model.getBlock()))
                            .optClustersPerClass(8)
                            .optInterval(2)
                            .build();
            StratifiedInfoBatch pruner =
                    DreamTrain.fit(
                            trainer,
                            3,
                            dataset,
                            null,
                            StratifiedInfoBatch.of(
                                    InfoBatch.builder().setEpochs(3).optDelta(1.0), clustering));
            assertEquals(SIZE, pruner.getEpochStats().get(0).samplesInEpoch());
            assertTrue(pruner.getEpochStats().get(1).samplesInEpoch() < SIZE);
            // clustered only when pruning began (epoch 1), reused in epoch 2
            assertEquals(SIZE, pruner.getSamplerForwardPasses());
        }
    }
}
