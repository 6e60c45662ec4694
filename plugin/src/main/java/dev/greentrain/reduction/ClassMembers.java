package dev.greentrain.reduction;

import java.util.Arrays;

/**
 * The samples of every class, in ascending index order, and the per-class counts a fraction keeps.
 */
public final class ClassMembers {

    private final int[] classIds;
    private final int[][] members;

    private ClassMembers(int[] classIds, int[][] members) {
        this.classIds = classIds;
        this.members = members;
    }

    /**
     * Groups sample indices by label.
     *
     * @param labels the class id of every sample, at least 0
     * @return the classes that occur, ascending by id
     */
    public static ClassMembers of(int[] labels) {
        int maxLabel = Arrays.stream(labels).max().orElse(-1);
        int[] counts = new int[maxLabel + 1];
        for (int label : labels) {
            counts[label]++;
        }
        int present = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        int[] ids = new int[present];
        int[][] members = new int[present][];
        int[] slot = new int[maxLabel + 1];
        int next = 0;
        for (int label = 0; label <= maxLabel; label++) {
            if (counts[label] > 0) {
                ids[next] = label;
                members[next] = new int[counts[label]];
                slot[label] = next++;
            }
        }
        int[] filled = new int[present];
        for (int i = 0; i < labels.length; i++) {
            int s = slot[labels[i]];
            members[s][filled[s]++] = i;
        }
        return new ClassMembers(ids, members);
    }

    /**
     * Returns the number of classes that have at least one sample.
     *
     * @return the class count
     */
    public int count() {
        return classIds.length;
    }

    /**
     * Returns the class id of the {@code c}-th class.
     *
     * @param c the position, 0 to {@link #count()} - 1
     * @return the label
     */
    public int classId(int c) {
        return classIds[c];
    }

    /**
     * Returns the samples of the {@code c}-th class, ascending.
     *
     * @param c the position, 0 to {@link #count()} - 1
     * @return the sample indices (not copied: do not change them)
     */
    public int[] members(int c) {
        return members[c];
    }

    /**
     * Returns how many samples each class keeps at a fraction: {@code floor(p * n_c)} per class,
     * refusing a class that would keep none.
     *
     * @param fraction the fraction p, in (0, 1]
     * @param method the method's name, for the error
     * @return the kept count per class position
     * @throws IllegalArgumentException naming the class, its size and the smallest fraction that
     *     keeps one of its samples
     */
    public int[] keptPerClass(double fraction, String method) {
        Fraction.check(fraction);
        int[] kept = new int[classIds.length];
        for (int c = 0; c < classIds.length; c++) {
            int n = members[c].length;
            kept[c] = Fraction.of(fraction, n);
            if (kept[c] < 1) {
                throw new IllegalArgumentException(
                        method
                                + " keeps floor(p * n_c) samples per class, but class "
                                + classIds[c]
                                + " has only "
                                + n
                                + " samples, fewer than one selected point at p = "
                                + fraction
                                + ": use p >= "
                                + (1.0 / n)
                                + " or drop or merge that class.");
            }
        }
        return kept;
    }
}
