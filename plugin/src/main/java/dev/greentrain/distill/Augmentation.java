package dev.greentrain.distill;

import dev.greentrain.pruning.SplitMix64;

/**
 * One draw of differentiable Siamese augmentation (DSA, Zhao and Bilen 2021) in the authors'
 * single-transform mode: one transform of {@link Kind} chosen uniformly, with its parameters; the
 * same draw is applied to a class's real batch and its synthetic images in one iteration.
 *
 * <p>Parameters are the authors' ({@code ParamDiffAug}): brightness shift {@code b - 0.5},
 * saturation factor {@code 2 s}, contrast factor {@code c + 0.5} (b, s, c uniform in [0, 1));
 * translation by up to {@code round(0.125 x size)} pixels with zero fill; a zeroed square of half
 * the image size at a uniform centre; horizontal flip with probability 0.5; scale factors uniform
 * in [1/1.2, 1.2] per axis; rotation uniform in [-15, 15] degrees. Scale and rotation resample
 * bilinearly with zero padding (PyTorch's {@code affine_grid}/{@code grid_sample}, {@code
 * align_corners=False}).
 *
 * @param kind the transform
 * @param brightness b in [0, 1)
 * @param saturation s in [0, 1)
 * @param contrast c in [0, 1)
 * @param shiftRows the translation along the rows (height)
 * @param shiftColumns the translation along the columns (width)
 * @param cutoutRow the cutout square's centre row
 * @param cutoutColumn the cutout square's centre column
 * @param flip whether the flip happens
 * @param scaleX the horizontal scale of the sampling grid
 * @param scaleY the vertical scale of the sampling grid
 * @param angle the rotation in radians
 */
public record Augmentation(
        Kind kind,
        float brightness,
        float saturation,
        float contrast,
        int shiftRows,
        int shiftColumns,
        int cutoutRow,
        int cutoutColumn,
        boolean flip,
        float scaleX,
        float scaleY,
        float angle) {

    /** DSA's transforms ({@code color_crop_cutout_flip_scale_rotate}). */
    public enum Kind {
        /** Brightness, saturation and contrast. */
        COLOR,
        /** Translation with zero fill. */
        CROP,
        /** A zeroed square. */
        CUTOUT,
        /** Horizontal flip. */
        FLIP,
        /** Scaling. */
        SCALE,
        /** Rotation. */
        ROTATE
    }

    private static final double CROP_RATIO = 0.125;
    private static final double CUTOUT_RATIO = 0.5;
    private static final double SCALE_RATIO = 1.2;
    private static final double ROTATE_DEGREES = 15.0;

    /**
     * Draws one augmentation for images of the given size.
     *
     * @param random the generator
     * @param height the image height
     * @param width the image width
     * @return the draw
     */
    public static Augmentation draw(SplitMix64 random, int height, int width) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        int shiftH = (int) (height * CROP_RATIO + 0.5);
        int shiftW = (int) (width * CROP_RATIO + 0.5);
        int cutH = cutoutSize(height);
        int cutW = cutoutSize(width);
        return new Augmentation(
                kind,
                (float) random.nextDouble(),
                (float) random.nextDouble(),
                (float) random.nextDouble(),
                random.nextInt(2 * shiftH + 1) - shiftH,
                random.nextInt(2 * shiftW + 1) - shiftW,
                random.nextInt(height + 1 - cutH % 2),
                random.nextInt(width + 1 - cutW % 2),
                random.nextDouble() < 0.5,
                scale(random),
                scale(random),
                (float) ((random.nextDouble() - 0.5) * 2 * ROTATE_DEGREES / 180 * Math.PI));
    }

    /**
     * Returns the side of the cutout square for an image side.
     *
     * @param side the image height or width
     * @return {@code round(0.5 x side)}
     */
    static int cutoutSize(int side) {
        return (int) (side * CUTOUT_RATIO + 0.5);
    }

    private static float scale(SplitMix64 random) {
        return (float) (random.nextDouble() * (SCALE_RATIO - 1 / SCALE_RATIO) + 1 / SCALE_RATIO);
    }
}
