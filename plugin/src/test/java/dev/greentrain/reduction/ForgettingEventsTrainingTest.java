package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PrunedDataset;
import dev.greentrain.training.PrunedTraining;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ForgettingEventsTrainingTest extends ManagedTest {

    private static final int SIZE = 512;

    private ArrayDataset dataset() {
        Random random = new Random(1);
        float[] x = new float[SIZE * 8];
        float[] y = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            int label = i % 4;
            y[i] = label;
            for (int f = 0; f < 8; f++) {
                x[i * 8 + f] = (f % 4 == label ? 1.5f : 0f) + (float) random.nextGaussian();
            }
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(SIZE, 8)))
                .optLabels(manager.create(y))
                .setSampling(32, true)
                .build();
    }

    @Test
    void scoresOnFullDataThenTrainsTheMostForgottenHalf() throws Exception {
        try (Model model = Model.newInstance("fes")) {
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(4).build()));
            Engine.getInstance().setRandomSeed(1234);
            try (Trainer trainer =
                    model.newTrainer(
                            new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                    .optOptimizer(
                                            Optimizer.adam()
                                                    .optLearningRateTracker(Tracker.fixed(0.05f))
                                                    .build()))) {
                trainer.initialize(new Shape(32, 8));
                ArrayDataset data = dataset();
                ForgettingEvents fes =
                        ForgettingEvents.builder()
                                .setDataset(data)
                                .setModel(model.getBlock())
                                .optScoringEpochs(3)
                                .optFraction(0.5)
                                .optSeed(2)
                                .build();
                assertArrayEquals(new int[] {SIZE, SIZE, SIZE, 256, 256}, fes.getPlannedSamples(5));
                PrunedTraining.fit(
                        trainer,
                        5,
                        PrunedDataset.builder().setDataset(data).setPolicy(fes).build(),
                        null);
                List<EpochStats> stats = fes.getEpochStats();
                assertEquals(5, stats.size());
                int[] trained = stats.stream().mapToInt(EpochStats::samplesInEpoch).toArray();
                // 3 full scoring epochs, then floor(0.5 * 128) per class of the 4
                assertArrayEquals(new int[] {SIZE, SIZE, SIZE, 256, 256}, trained);
                // a prediction pass after each scoring epoch: 3 x 512 forward passes
                assertEquals(3L * SIZE, fes.getSamplerForwardPasses());
                int[] perClass = new int[4];
                for (int index : fes.getSubset()) {
                    perClass[index % 4]++;
                }
                assertArrayEquals(new int[] {64, 64, 64, 64}, perClass);
            }
        }
    }
}
