package dev.greentrain.reduction;

/** Small labelled point sets written out by hand for the reduction tests. */
final class Points {

    private Points() {}

    /** Features from rows of coordinates and their labels. */
    static LabelledFeatures of(float[][] rows, int... labels) {
        int dim = rows[0].length;
        float[] data = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * dim, dim);
        }
        return LabelledFeatures.of(data, dim, labels);
    }

    /** One-dimensional features. */
    static LabelledFeatures line(float[] xs, int... labels) {
        return LabelledFeatures.of(xs.clone(), 1, labels);
    }
}
