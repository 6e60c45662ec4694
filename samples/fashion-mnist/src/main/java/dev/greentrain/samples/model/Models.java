package dev.greentrain.samples.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * Factories for the networks the samples train on Fashion-MNIST: inputs {@code (N, 1, 28, 28)},
 * outputs {@code (N, 10)} logits.
 *
 * <p>Every network is a {@link SequentialBlock} whose last child is the final {@link Linear} layer,
 * so the feature extractor is every child but the last.
 */
public final class Models {

    /** The number of classes every network predicts. */
    public static final int NUM_CLASSES = 10;

    private Models() {}

    /**
     * Returns a small CNN (conv 16 - pool - conv 32 - pool - dense 64 - dense 10) that trains
     * quickly on a CPU.
     *
     * @return a new, uninitialised network producing logits
     */
    public static SequentialBlock smallCnn() {
        return new SequentialBlock()
                .add(conv3x3(16))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv3x3(32))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(NUM_CLASSES).build());
    }

    /**
     * Returns a multilayer perceptron (flatten - dense 256 - ReLU - dense 10).
     *
     * @return a new, uninitialised network producing logits
     */
    public static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(NUM_CLASSES).build());
    }

    private static Conv2d conv3x3(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }
}
