package dev.greentrain.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

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
}
