package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The dataset-distillation ConvNet (Zhao and Bilen's "ConvNet-3"): {@code depth} blocks of 3x3
 * convolution (padding 1, {@code width} filters), instance normalisation, ReLU and 2x2 average
 * pooling, then one linear classifier.
 *
 * <p>Difference from the authors' network: the instance normalisation has no learnable scale and
 * shift (PyTorch's {@code GroupNorm(width, width)} has them, initialised to 1 and 0). During
 * distribution matching the network is never trained, so the embedding is the same; in evaluation
 * the normalisation's 2 x width affine parameters are absent. Weights use DJL's default
 * initialisers; the instance normalisation makes the embedding independent of the convolution
 * weights' scale and of their biases.
 */
public final class ConvNet {

    /** The authors' network width. */
    public static final int PAPER_WIDTH = 128;

    /** The authors' depth (number of convolution blocks). */
    public static final int DEPTH = 3;

    private static final float EPSILON = 1e-5f;

    private ConvNet() {}

    /**
     * Returns a new, uninitialised ConvNet whose last child is the classifier, so {@code
     * dev.greentrain.dream.Embedder.features} returns its flattened feature extractor.
     *
     * @param width the number of filters of every convolution, at least 1
     * @param classes the number of classes, at least 2
     * @return the network producing logits
     */
    public static SequentialBlock create(int width, int classes) {
        if (width < 1 || classes < 2) {
            throw new IllegalArgumentException(
                    "ConvNet width "
                            + width
                            + " and "
                            + classes
                            + " classes: the width must be at least 1 and the classes at least 2.");
        }
        SequentialBlock net = new SequentialBlock();
        for (int block = 0; block < DEPTH; block++) {
            net.add(
                    Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .setFilters(width)
                            .build());
            net.add(new LambdaBlock(ConvNet::instanceNorm, "instanceNorm"));
            net.add(Activation.reluBlock());
            net.add(Pool.avgPool2dBlock(new Shape(2, 2)));
        }
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(classes).build());
        return net;
    }

    /**
     * Returns the length of the flattened feature vector for an input of the given size.
     *
     * @param width the network width
     * @param height the input height
     * @param imageWidth the input width
     * @return width x (height / 8) x (imageWidth / 8) for depth 3 (each pooling halves, rounding
     *     down)
     */
    public static int featureLength(int width, int height, int imageWidth) {
        int h = height;
        int w = imageWidth;
        for (int block = 0; block < DEPTH; block++) {
            h /= 2;
            w /= 2;
        }
        return width * h * w;
    }

    /** Normalises every channel of every sample over its pixels: (x - mean) / sqrt(var + eps). */
    private static NDList instanceNorm(NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        // DJL's PyTorch mean takes one axis: flatten the pixels of every (sample, channel)
        NDArray flat = x.reshape(shape.get(0), shape.get(1), -1);
        NDArray centred = flat.sub(flat.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        return new NDList(centred.div(Scalars.plus(variance, EPSILON).sqrt()).reshape(shape));
    }
}
