package dev.greentrain.distill;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;

/** Small labelled image sets for the distillation tests: class c's pixels centre on c. */
final class TinyImages {

    private TinyImages() {}

    /** Returns {@code perClass} images of {@code size x size} per class, labels 0..classes-1. */
    static float[] pixels(int classes, int perClass, int size, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[classes * perClass * size * size];
        for (int i = 0; i < pixels.length; i++) {
            int c = i / (perClass * size * size);
            pixels[i] = c + (float) random.nextGaussian() * 0.5f;
        }
        return pixels;
    }

    /** Returns the labels 0 x perClass, 1 x perClass, ... as floats. */
    static float[] labels(int classes, int perClass) {
        float[] labels = new float[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        return labels;
    }

    /** Returns the labelled data set of {@link #pixels}. */
    static ArrayDataset dataset(NDManager manager, int classes, int perClass, int size, long seed) {
        return new ArrayDataset.Builder()
                .setData(
                        manager.create(
                                pixels(classes, perClass, size, seed),
                                new Shape(classes * perClass, 1, size, size)))
                .optLabels(manager.create(labels(classes, perClass)))
                .setSampling(4, false)
                .build();
    }
}
