package dev.greentrain.reduction;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of a reduction: either a subset of the original samples ({@link #ofIndices}), or
 * synthetic points made from groups of original samples ({@link #ofGroups}, CLC's centroids).
 *
 * <p>Every reduced sample is a group of original indices: one index for a subset; a cluster's
 * members for a synthetic point, which trains as the element-wise mean of its members' inputs with
 * their common label (see {@link ReducedDataset}). {@link #points()} holds the reduced samples in
 * feature space, for {@link Representativeness}: {@code null} for a subset (its points are the
 * selected rows of the features), the member means for synthetic points.
 */
public final class Selection {

    private final int[][] groups;
    private final int[] labels;
    private final float[] points;

    private Selection(int[][] groups, int[] labels, float[] points) {
        this.groups = groups;
        this.labels = labels;
        this.points = points;
    }

    /**
     * Creates a subset selection.
     *
     * @param indices the kept samples of the original, each once
     * @param features the features they were selected from, for the labels
     * @return the selection, in ascending index order
     */
    public static Selection ofIndices(int[] indices, LabelledFeatures features) {
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        int[][] groups = new int[sorted.length][];
        int[] labels = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalStateException("Sample " + sorted[i] + " was selected twice.");
            }
            groups[i] = new int[] {sorted[i]};
            labels[i] = features.label(sorted[i]);
        }
        return new Selection(groups, labels, null);
    }

    /**
     * Creates a selection of synthetic points, each the mean of a group of original samples of one
     * class.
     *
     * @param groups the members of every synthetic point, non-empty, of one class each
     * @param features the features the groups were formed on
     * @return the selection, whose points are the groups' feature means
     */
    public static Selection ofGroups(int[][] groups, LabelledFeatures features) {
        int dim = features.dim();
        float[] points = new float[Math.multiplyExact(groups.length, dim)];
        int[] labels = new int[groups.length];
        float[] data = features.data();
        for (int g = 0; g < groups.length; g++) {
            int[] members = groups[g];
            if (members.length == 0) {
                throw new IllegalStateException("Synthetic point " + g + " has no members.");
            }
            labels[g] = features.label(members[0]);
            double[] sum = new double[dim];
            for (int member : members) {
                if (features.label(member) != labels[g]) {
                    throw new IllegalStateException(
                            "Synthetic point " + g + " mixes classes: its members must share one.");
                }
                for (int j = 0; j < dim; j++) {
                    sum[j] += data[member * dim + j];
                }
            }
            for (int j = 0; j < dim; j++) {
                points[g * dim + j] = (float) (sum[j] / members.length);
            }
        }
        return new Selection(copy(groups), labels, points);
    }

    static Selection restored(int[][] groups, int[] labels) {
        return new Selection(copy(groups), labels.clone(), null);
    }

    private static int[][] copy(int[][] groups) {
        int[][] copy = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            copy[g] = Objects.requireNonNull(groups[g], "group").clone();
        }
        return copy;
    }

    /**
     * Returns the number of reduced samples.
     *
     * @return the size of the reduced set
     */
    public int size() {
        return groups.length;
    }

    /**
     * Tells whether the reduced samples are synthetic (means of groups) rather than a subset.
     *
     * @return true for synthetic points
     */
    public boolean isSynthetic() {
        for (int[] group : groups) {
            if (group.length != 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the original samples of one reduced sample.
     *
     * @param reduced the reduced sample, 0 to {@link #size()} - 1
     * @return its group (not copied: do not change it)
     */
    public int[] group(int reduced) {
        return groups[reduced];
    }

    /**
     * Returns the class id of one reduced sample.
     *
     * @param reduced the reduced sample
     * @return its label
     */
    public int label(int reduced) {
        return labels[reduced];
    }

    /**
     * Returns the kept original samples of a subset selection, ascending.
     *
     * @return the indices
     * @throws IllegalStateException for synthetic points, which are no subset
     */
    public int[] indices() {
        if (isSynthetic()) {
            throw new IllegalStateException(
                    "This selection holds synthetic points (means of groups), not a subset of the"
                            + " original: read its groups with group(i).");
        }
        int[] indices = new int[groups.length];
        for (int g = 0; g < groups.length; g++) {
            indices[g] = groups[g][0];
        }
        return indices;
    }

    /**
     * Returns the synthetic points in feature space, or {@code null} for a subset.
     *
     * @return the points, row-major, or null
     */
    float[] points() {
        return points;
    }
}
