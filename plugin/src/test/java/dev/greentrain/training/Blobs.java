package dev.greentrain.training;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;

/** The Gaussian blobs and the small MLP the training tests share. */
final class Blobs {

    /** Input features per sample. */
    static final int FEATURES = 8;

    /** Classes. */
    static final int CLASSES = 4;

    private Blobs() {}

    /**
     * Gaussian blobs around four class centres, overlapping enough that not all is easy: inputs of
     * shape (size, 8) and float class labels.
     */
    static NDList of(NDManager manager, int size, long seed) {
        Random random = new Random(seed);
        float[] x = new float[size * FEATURES];
        float[] y = new float[size];
        for (int i = 0; i < size; i++) {
            int label = random.nextInt(CLASSES);
            y[i] = label;
            for (int f = 0; f < FEATURES; f++) {
                float centre = (f % CLASSES == label) ? 1.5f : 0f;
                x[i * FEATURES + f] = centre + (float) random.nextGaussian();
            }
        }
        return new NDList(manager.create(x, new Shape(size, FEATURES)), manager.create(y));
    }

    /** A two-layer MLP for the blobs. */
    static Model mlp(int hidden) {
        Model model = Model.newInstance("mlp");
        model.setBlock(
                new SequentialBlock()
                        .add(Linear.builder().setUnits(hidden).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(CLASSES).build()));
        return model;
    }

    /**
     * The training config the tests share: the loss, accuracy, Adam at 0.01 and DJL's default
     * logging listeners (progress bar included), then the extra listeners.
     */
    static DefaultTrainingConfig config(Loss loss, TrainingListener... extra) {
        return new DefaultTrainingConfig(loss)
                .addEvaluator(new Accuracy())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                .addTrainingListeners(TrainingListener.Defaults.logging())
                .addTrainingListeners(extra);
    }
}
