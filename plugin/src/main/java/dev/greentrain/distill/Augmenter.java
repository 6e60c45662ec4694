package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Applies an {@link Augmentation}: differentiably to a whole batch with one draw (the Siamese case
 * of distillation), or on the host to one image (evaluation training, one draw per image).
 */
public final class Augmenter {

    private Augmenter() {}

    /**
     * Applies one draw to every image of a batch, differentiably (constants held by the engine).
     *
     * @param batch the images, (N, C, H, W)
     * @param draw the augmentation
     * @return the augmented batch, same shape, on the batch's manager
     */
    public static NDArray apply(NDArray batch, Augmentation draw) {
        Shape shape = batch.getShape();
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        NDManager manager = batch.getManager();
        return switch (draw.kind()) {
            case COLOR -> color(batch, draw);
            case CUTOUT ->
                    batch.mul(
                            manager.create(
                                    PixelMap.cutoutMask(draw, height, width),
                                    new Shape(1, 1, height, width)));
            default -> {
                PixelMap.Sparse map = PixelMap.of(draw, height, width);
                if (map == null) {
                    yield batch;
                }
                int pixels = height * width;
                NDArray matrix = manager.create(map.dense(), new Shape(pixels, pixels));
                yield batch.reshape(-1, pixels)
                        .matMul(matrix.transpose())
                        .reshape(shape.get(0), channels, height, width);
            }
        };
    }

    private static NDArray color(NDArray batch, Augmentation draw) {
        NDArray x = Scalars.plus(batch, draw.brightness() - 0.5f);
        NDArray channelMean = x.mean(new int[] {1}, true);
        x = Scalars.times(x.sub(channelMean), draw.saturation() * 2f).add(channelMean);
        Shape shape = x.getShape();
        NDArray imageMean =
                x.reshape(shape.get(0), -1).mean(new int[] {1}, true).reshape(-1, 1, 1, 1);
        return Scalars.times(x.sub(imageMean), draw.contrast() + 0.5f).add(imageMean);
    }

    /**
     * Applies one draw to one image on the host, in place.
     *
     * @param image the image, row-major (C, H, W)
     * @param channels C
     * @param height H
     * @param width W
     * @param draw the augmentation
     */
    public static void applyInPlace(
            float[] image, int channels, int height, int width, Augmentation draw) {
        int pixels = height * width;
        switch (draw.kind()) {
            case COLOR -> colorInPlace(image, channels, pixels, draw);
            case CUTOUT -> {
                float[] mask = PixelMap.cutoutMask(draw, height, width);
                for (int i = 0; i < image.length; i++) {
                    image[i] *= mask[i % pixels];
                }
            }
            default -> {
                PixelMap.Sparse map = PixelMap.of(draw, height, width);
                if (map != null) {
                    float[] out = new float[pixels];
                    for (int c = 0; c < channels; c++) {
                        map.apply(image, c * pixels, out);
                        System.arraycopy(out, 0, image, c * pixels, pixels);
                    }
                }
            }
        }
    }

    private static void colorInPlace(float[] image, int channels, int pixels, Augmentation draw) {
        float shift = draw.brightness() - 0.5f;
        for (int i = 0; i < image.length; i++) {
            image[i] += shift;
        }
        float saturation = draw.saturation() * 2f;
        for (int p = 0; p < pixels; p++) {
            double mean = 0;
            for (int c = 0; c < channels; c++) {
                mean += image[c * pixels + p];
            }
            float m = (float) (mean / channels);
            for (int c = 0; c < channels; c++) {
                image[c * pixels + p] = (image[c * pixels + p] - m) * saturation + m;
            }
        }
        double total = 0;
        for (float v : image) {
            total += v;
        }
        float mean = (float) (total / image.length);
        float contrast = draw.contrast() + 0.5f;
        for (int i = 0; i < image.length; i++) {
            image[i] = (image[i] - mean) * contrast + mean;
        }
    }
}
