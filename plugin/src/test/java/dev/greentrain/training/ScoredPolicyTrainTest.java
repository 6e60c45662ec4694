package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.loss.PerSampleSoftmaxCrossEntropyLoss;
import dev.greentrain.losssampling.LossProportionalSampling;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.ScoredPolicy;
import org.junit.jupiter.api.Test;

class ScoredPolicyTrainTest extends ManagedTest {

    private static final int SIZE = 640;
    private static final int BATCH = 64;

    private ArrayDataset blobs() {
        NDList xy = Blobs.of(manager, SIZE, 5);
        return new ArrayDataset.Builder()
                .setData(xy.get(0))
                .optLabels(xy.get(1))
                .setSampling(BATCH, true)
                .build();
    }

    private static Trainer trainer(Model model) {
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(new PerSampleSoftmaxCrossEntropyLoss())
                        .optOptimizer(
                                Optimizer.adam()
                                        .optLearningRateTracker(Tracker.fixed(0.01f))
                                        .build());
        Engine.getInstance().setRandomSeed(1234);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, Blobs.FEATURES));
        return trainer;
    }

    @Test
    void oneLineTrainsTheBuildersPolicyAtItsBudgetAndRefusesASecondCall() throws Exception {
        ArrayDataset data = blobs();
        try (Model model = Model.newInstance("blobs")) {
            model.setBlock(Linear.builder().setUnits(Blobs.CLASSES).build());
            try (Trainer trainer = trainer(model)) {
                ScoredPolicy policy =
                        ScoredPolicyTrain.fit(
                                trainer,
                                4,
                                data,
                                null,
                                LossProportionalSampling.builder().optBudget(0.5));
                assertTrue(policy instanceof LossProportionalSampling);
                assertEquals(SIZE, policy.getDatasetSize());
                assertEquals(4, policy.getEpochStats().size(), "every epoch trained and counted");
                for (EpochStats epoch : policy.getEpochStats()) {
                    assertEquals(SIZE / 2, epoch.samplesInEpoch(), "round(0.5 * 640) per epoch");
                }
                IllegalStateException again =
                        assertThrows(
                                IllegalStateException.class,
                                () ->
                                        ScoredPolicyTrain.fit(
                                                trainer,
                                                1,
                                                data,
                                                null,
                                                LossProportionalSampling.builder()));
                assertTrue(again.getMessage().contains("DreamTrain.fit"), again.getMessage());
            }
        }
    }
}
