package dev.greentrain.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.loss.PerSampleLosses;

/** A small synthetic tabular regression task: y = x . w + noise, 8 features. */
final class Tabular {

    static final int FEATURES = 8;
    static final int BATCH = 32;

    private Tabular() {}

    /**
     * Creates a dataset from a fixed generator, so every test run sees the same numbers.
     *
     * @param manager owns the arrays
     * @param samples the number of rows
     * @param seed the data's own seed
     * @param shuffle whether the sampler shuffles (training) or not (validation)
     * @return the dataset
     */
    static ArrayDataset regression(NDManager manager, int samples, long seed, boolean shuffle) {
        java.util.Random random = new java.util.Random(seed);
        float[] weights = {0.5f, -1f, 2f, 0f, 1.5f, -0.5f, 1f, 0.25f};
        float[] x = new float[samples * FEATURES];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            float sum = 0;
            for (int j = 0; j < FEATURES; j++) {
                float value = (float) random.nextGaussian();
                x[i * FEATURES + j] = value;
                sum += value * weights[j];
            }
            y[i] = sum + 0.1f * (float) random.nextGaussian();
        }
        NDArray features = manager.create(x, new Shape(samples, FEATURES));
        NDArray labels = manager.create(y, new Shape(samples, 1));
        return new ArrayDataset.Builder()
                .setData(features)
                .optLabels(labels)
                .setSampling(BATCH, shuffle)
                .build();
    }

    /**
     * Returns the A/B workload of the tests: a small MLP on the regression, decided by the loss.
     *
     * @param train the training set
     * @param validation the validation set
     * @param epochs the epochs of every arm
     * @return the workload
     */
    static Workload workload(ArrayDataset train, ArrayDataset validation, int epochs) {
        return Workload.builder()
                .setName("tabular")
                .setData(train, validation)
                .setBlock(
                        () ->
                                new SequentialBlock()
                                        .add(Linear.builder().setUnits(16).build())
                                        .add(Activation::relu)
                                        .add(Linear.builder().setUnits(1).build()))
                .setTrainingConfig(
                        schedules ->
                                new DefaultTrainingConfig(PerSampleLosses.gcSafe(Loss.l2Loss()))
                                        .optOptimizer(
                                                Optimizer.adam()
                                                        .optLearningRateTracker(
                                                                schedules.align(
                                                                        Tracker.fixed(0.01f)))
                                                        .build()))
                .setEpochs(epochs)
                .setInputShapes(new Shape(BATCH, FEATURES))
                .optMetric(DecidingMetric.loss())
                .build();
    }
}
