package dev.greentrain.samples.data;

import java.util.Arrays;

/**
 * An exponentially long-tailed training set, as CIFAR-LT builds it (Cao et al. 2019): class {@code
 * c} of {@code C} keeps {@code n_c = floor(n_max * (1 / factor)^(c / (C - 1)))} samples, the first
 * ones in file order, so class 0 keeps {@code n_max} and class {@code C - 1} keeps {@code n_max /
 * factor}; {@code n_max} is the size of the smallest class of the data given. The test set stays
 * balanced.
 */
public final class LongTail {

    /** The number of smallest classes whose accuracy is reported as the tail-class accuracy. */
    public static final int TAIL_CLASSES = 3;

    private LongTail() {}

    /**
     * Returns the samples each class keeps.
     *
     * @param largest n_max, the count of class 0
     * @param classes C, at least 2
     * @param factor the imbalance factor, the ratio of the largest to the smallest class, at least
     *     1
     * @return {@code n_c} for every class
     */
    public static int[] classCounts(int largest, int classes, double factor) {
        int[] counts = new int[classes];
        for (int c = 0; c < classes; c++) {
            counts[c] =
                    (int) Math.floor(largest * Math.pow(1 / factor, c / (classes - 1.0)) + 1e-9);
        }
        return counts;
    }

    /**
     * Returns the indices of the samples a long-tailed set keeps.
     *
     * @param labels the class ids of the full set, each in {@code [0, classes)}
     * @param classes C
     * @param factor the imbalance factor, at least 1
     * @return the kept indices, ascending
     * @throws IllegalArgumentException for a factor below 1
     */
    public static int[] select(int[] labels, int classes, double factor) {
        if (!(factor >= 1 && Double.isFinite(factor))) {
            throw new IllegalArgumentException(
                    "--long-tail "
                            + factor
                            + " is invalid: it must be a finite imbalance factor of at least 1,"
                            + " the ratio of the largest to the smallest class (e.g. 100).");
        }
        int[] sizes = new int[classes];
        for (int label : labels) {
            sizes[label]++;
        }
        int[] quota = classCounts(Arrays.stream(sizes).min().orElse(0), classes, factor);
        int[] kept = new int[labels.length];
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (quota[labels[i]] > 0) {
                quota[labels[i]]--;
                kept[count++] = i;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /**
     * Returns the tail classes: the {@value #TAIL_CLASSES} smallest, {@code C - 3 .. C - 1}.
     *
     * @param classes C, more than {@value #TAIL_CLASSES}
     * @return the first tail class id
     */
    public static int firstTailClass(int classes) {
        return classes - TAIL_CLASSES;
    }
}
