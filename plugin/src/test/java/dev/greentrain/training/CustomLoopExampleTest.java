package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.loss.PerSampleSoftmaxCrossEntropyLoss;
import dev.greentrain.loss.WeightedLoss;
import dev.greentrain.pruning.PrunedDataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's custom-loop example, compiled and run. */
@Tag("integration")
class CustomLoopExampleTest {

    @Test
    void readmeCustomLoopTrainsAndPrunes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("custom-loop")) {
            int size = 1024;
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(manager.randomNormal(new Shape(size, 4)))
                            .optLabels(
                                    manager.randomInteger(0, 3, new Shape(size), DataType.INT32)
                                            .toType(DataType.FLOAT32, false))
                            .setSampling(32, true)
                            .build();
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build()));
            PerSampleSoftmaxCrossEntropyLoss perSample = new PerSampleSoftmaxCrossEntropyLoss();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(perSample)
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(0.01f))
                                            .build());
            int epochs = 4;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(32, 4));

                // --- README example starts here ---
                InfoBatch infoBatch =
                        InfoBatch.builder()
                                .setDatasetSize((int) train.size())
                                .setEpochs(epochs)
                                .build();
                PrunedDataset pruned =
                        PrunedDataset.builder().setDataset(train).setPolicy(infoBatch).build();
                WeightedLoss loss = new WeightedLoss(perSample);
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (Batch batch : trainer.iterateDataset(pruned)) {
                        BatchWeights.attach(batch, pruned.getCurrentPlan());
                        BatchWeights rows = BatchWeights.detach(batch.getLabels());
                        BatchWeights.removeFrom(batch);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(batch.getData(), rows.labels());
                            WeightedLoss.Result result =
                                    loss.evaluate(rows.labels(), predictions, rows.weights());
                            collector.backward(result.weightedMean());
                            infoBatch.recordLosses(rows.indexArray(), result.scores());
                        }
                        trainer.step();
                        batch.close();
                    }
                }
                // --- README example ends here ---

                assertEquals(epochs, infoBatch.getEpochStats().size());
                assertTrue(infoBatch.getEpochStats().get(1).samplesInEpoch() < size);
                assertFalse(Float.isNaN(infoBatch.getScore(0)));
            }
        }
    }
}
