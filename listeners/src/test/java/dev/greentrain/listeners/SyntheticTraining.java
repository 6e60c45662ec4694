package dev.greentrain.listeners;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.training.InfoBatchTrain;
import java.util.Random;

/** A short, real DJL training on Gaussian blobs, with or without InfoBatch, for the tests. */
public final class SyntheticTraining {

    /** Training samples. */
    public static final int SIZE = 2048;

    /** Epochs. */
    public static final int EPOCHS = 6;

    private SyntheticTraining() {}

    /**
     * Trains a small MLP with the given extra listeners.
     *
     * @param infoBatch whether to prune with InfoBatch (else {@code EasyTrain.fit})
     * @param listeners listeners to add after DJL's defaults
     * @return the pruner, or {@code null} for full data
     * @throws Exception if training fails
     */
    public static InfoBatch train(boolean infoBatch, TrainingListener... listeners)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("mlp")) {
            Random random = new Random(7);
            float[] x = new float[SIZE * 4];
            float[] y = new float[SIZE];
            for (int i = 0; i < SIZE; i++) {
                int label = random.nextInt(3);
                y[i] = label;
                for (int f = 0; f < 4; f++) {
                    x[i * 4 + f] = (f == label ? 1.5f : 0f) + (float) random.nextGaussian();
                }
            }
            NDArray data = manager.create(x, new Shape(SIZE, 4));
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(data)
                            .optLabels(manager.create(y))
                            .setSampling(64, true)
                            .build();
            ArrayDataset validate =
                    new ArrayDataset.Builder()
                            .setData(data.get("0:256"))
                            .optLabels(manager.create(y).get("0:256"))
                            .setSampling(64, false)
                            .build();
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build()));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new Accuracy())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(0.01f))
                                            .build())
                            .addTrainingListeners(TrainingListener.Defaults.basic())
                            .addTrainingListeners(listeners);
            Engine.getInstance().setRandomSeed(3);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(64, 4));
                if (infoBatch) {
                    return InfoBatchTrain.fit(trainer, EPOCHS, train, validate);
                }
                EasyTrain.fit(trainer, EPOCHS, train, validate);
                return null;
            }
        }
    }
}
