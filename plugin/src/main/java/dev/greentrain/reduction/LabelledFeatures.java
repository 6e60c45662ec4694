package dev.greentrain.reduction;

import dev.greentrain.dream.Embeddings;
import java.util.Objects;

/**
 * The features a reduction selects from: one row per sample (row-major floats) and the sample's
 * integer class label, checked before any method runs.
 */
public final class LabelledFeatures {

    private final float[] data;
    private final int rows;
    private final int dim;
    private final int[] labels;
    private final ClassMembers classes;

    private LabelledFeatures(float[] data, int rows, int dim, int[] labels) {
        this.data = data;
        this.rows = rows;
        this.dim = dim;
        this.labels = labels;
        this.classes = ClassMembers.of(labels);
    }

    /**
     * Wraps features and labels, refusing a shape mismatch, a non-finite value or a negative label.
     *
     * @param data the values, row-major ({@code rows * dim} of them)
     * @param dim the values per sample, at least 1
     * @param labels the class id of every sample, at least 0
     * @return the features
     * @throws IllegalArgumentException naming the sample, the value and the fix
     */
    public static LabelledFeatures of(float[] data, int dim, int[] labels) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labels, "labels");
        if (dim < 1 || labels.length < 1 || (long) labels.length * dim != data.length) {
            throw new IllegalArgumentException(
                    "Features of "
                            + data.length
                            + " values with dimension "
                            + dim
                            + " do not match "
                            + labels.length
                            + " labels: a reduction needs at least one sample, dimension >= 1"
                            + " and exactly labels * dimension values.");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(
                        "Feature "
                                + (i % dim)
                                + " of sample "
                                + (i / dim)
                                + " is "
                                + data[i]
                                + "; a reduction needs finite features: clean or drop that sample"
                                + " (or fix the model whose embedding produced it).");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(
                        "The label of sample "
                                + i
                                + " is "
                                + labels[i]
                                + "; class labels must be integers >= 0: map them to 0, 1, 2, ...");
            }
        }
        return new LabelledFeatures(data, labels.length, dim, labels);
    }

    /**
     * Wraps a dataset's embeddings and labels.
     *
     * @param embeddings one row per sample
     * @param labels the class id of every sample
     * @return the features
     */
    public static LabelledFeatures of(Embeddings embeddings, int[] labels) {
        return of(embeddings.data(), embeddings.dim(), labels);
    }

    /**
     * Returns the values, row-major; row {@code i} starts at {@code i * dim()}.
     *
     * @return the values (not copied: do not change them)
     */
    public float[] data() {
        return data;
    }

    /**
     * Returns the number of samples.
     *
     * @return at least 1
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the values per sample.
     *
     * @return at least 1
     */
    public int dim() {
        return dim;
    }

    /**
     * Returns the class id of a sample.
     *
     * @param index the sample
     * @return its label
     */
    public int label(int index) {
        return labels[index];
    }

    /**
     * Returns every sample's class id.
     *
     * @return the labels (not copied: do not change them)
     */
    public int[] labels() {
        return labels;
    }

    /**
     * Returns the samples of every class.
     *
     * @return the class members
     */
    public ClassMembers classes() {
        return classes;
    }

    /**
     * Returns the Euclidean distance between two samples.
     *
     * @param a a sample
     * @param b another sample
     * @return the distance
     */
    public double distance(int a, int b) {
        return Math.sqrt(squaredDistance(data, a * dim, data, b * dim, dim));
    }

    /**
     * Returns the squared Euclidean distance between two rows of (possibly different) arrays.
     *
     * @param x the first array
     * @param xOffset where the first row starts
     * @param y the second array
     * @param yOffset where the second row starts
     * @param dim the row length
     * @return the squared distance, in double precision
     */
    static double squaredDistance(float[] x, int xOffset, float[] y, int yOffset, int dim) {
        double sum = 0;
        for (int j = 0; j < dim; j++) {
            double d = (double) x[xOffset + j] - y[yOffset + j];
            sum += d * d;
        }
        return sum;
    }
}
