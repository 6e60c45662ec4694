package dev.greentrain.distill;

/**
 * The geometric transforms of {@link Augmentation} as one linear map on the pixels of a channel:
 * {@code out = M in}, {@code (H W) x (H W)}, row = output pixel, at most four sources per output
 * pixel. Dense, one matrix product applies a translation, flip, scaling or rotation to a whole
 * batch differentiably; sparse, it transforms one image on the host.
 */
final class PixelMap {

    private PixelMap() {}

    /** Up to four (source pixel, weight) pairs per output pixel; source -1 = none. */
    record Sparse(int[] sources, float[] weights, int pixels) {

        /** Returns the dense row-major matrix, row = output pixel. */
        float[] dense() {
            float[] m = new float[pixels * pixels];
            for (int k = 0; k < sources.length; k++) {
                if (sources[k] >= 0) {
                    m[(k / SLOTS) * pixels + sources[k]] += weights[k];
                }
            }
            return m;
        }

        /** Writes {@code out = M in} for one channel starting at {@code offset}. */
        void apply(float[] in, int offset, float[] out) {
            for (int o = 0; o < pixels; o++) {
                float sum = 0;
                for (int slot = o * SLOTS; slot < (o + 1) * SLOTS; slot++) {
                    if (sources[slot] >= 0) {
                        sum += weights[slot] * in[offset + sources[slot]];
                    }
                }
                out[o] = sum;
            }
        }
    }

    private static final int SLOTS = 4;

    /**
     * Returns the map of a geometric draw, or null for COLOR and CUTOUT (not maps) and for a FLIP
     * draw that does not flip.
     */
    static Sparse of(Augmentation draw, int height, int width) {
        return switch (draw.kind()) {
            case CROP -> translation(draw.shiftRows(), draw.shiftColumns(), height, width);
            case FLIP -> draw.flip() ? flip(height, width) : null;
            case SCALE -> affine(draw.scaleX(), 0, 0, draw.scaleY(), height, width);
            case ROTATE -> {
                float cos = (float) Math.cos(draw.angle());
                float sin = (float) Math.sin(draw.angle());
                yield affine(cos, -sin, sin, cos, height, width);
            }
            default -> null;
        };
    }

    /** Returns the cutout mask (1 kept, 0 zeroed), row-major H x W. */
    static float[] cutoutMask(Augmentation draw, int height, int width) {
        int cutH = Augmentation.cutoutSize(height);
        int cutW = Augmentation.cutoutSize(width);
        float[] mask = new float[height * width];
        java.util.Arrays.fill(mask, 1f);
        for (int a = 0; a < cutH; a++) {
            int row = clamp(draw.cutoutRow() + a - cutH / 2, height - 1);
            for (int b = 0; b < cutW; b++) {
                int column = clamp(draw.cutoutColumn() + b - cutW / 2, width - 1);
                mask[row * width + column] = 0f;
            }
        }
        return mask;
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }

    private static Sparse empty(int height, int width) {
        int n = height * width;
        int[] sources = new int[n * SLOTS];
        java.util.Arrays.fill(sources, -1);
        return new Sparse(sources, new float[n * SLOTS], n);
    }

    private static Sparse translation(int rows, int columns, int height, int width) {
        Sparse map = empty(height, width);
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                set(map, i * width + j, 0, i + rows, j + columns, 1, height, width);
            }
        }
        return map;
    }

    private static Sparse flip(int height, int width) {
        Sparse map = empty(height, width);
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                set(map, i * width + j, 0, i, width - 1 - j, 1, height, width);
            }
        }
        return map;
    }

    /** Bilinear resampling at theta x (x, y) of the normalised grid, zero outside. */
    private static Sparse affine(
            float t00, float t01, float t10, float t11, int height, int width) {
        Sparse map = empty(height, width);
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                double xn = (2.0 * j + 1) / width - 1;
                double yn = (2.0 * i + 1) / height - 1;
                double xs = t00 * xn + t01 * yn;
                double ys = t10 * xn + t11 * yn;
                double ix = ((xs + 1) * width - 1) / 2;
                double iy = ((ys + 1) * height - 1) / 2;
                int x0 = (int) Math.floor(ix);
                int y0 = (int) Math.floor(iy);
                double fx = ix - x0;
                double fy = iy - y0;
                int out = i * width + j;
                set(map, out, 0, y0, x0, (1 - fy) * (1 - fx), height, width);
                set(map, out, 1, y0, x0 + 1, (1 - fy) * fx, height, width);
                set(map, out, 2, y0 + 1, x0, fy * (1 - fx), height, width);
                set(map, out, 3, y0 + 1, x0 + 1, fy * fx, height, width);
            }
        }
        return map;
    }

    private static void set(
            Sparse map, int out, int slot, int y, int x, double weight, int height, int width) {
        if (y >= 0 && y < height && x >= 0 && x < width) {
            map.sources()[out * SLOTS + slot] = y * width + x;
            map.weights()[out * SLOTS + slot] = (float) weight;
        }
    }
}
