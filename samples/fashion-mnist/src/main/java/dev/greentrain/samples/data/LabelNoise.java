package dev.greentrain.samples.data;

import dev.greentrain.pruning.SplitMix64;

/**
 * Symmetric label noise: a uniformly random {@code round(rate * n)} of the labels, chosen without
 * replacement, each replaced by one of the other classes drawn uniformly, so a noisy label never
 * keeps its true class.
 */
public final class LabelNoise {

    /** Mixed into the seed, so the noise draws differ from other users of the same seed. */
    private static final long STREAM = 0x4C4E4F495345L; // "LNOISE"

    private LabelNoise() {}

    /**
     * Returns noisy copies of labels.
     *
     * @param labels the true class ids, each in {@code [0, classes)}
     * @param classes the number of classes, at least 2
     * @param rate the fraction of labels to change, in [0, 1)
     * @param seed the seed; the same seed gives the same noisy labels
     * @return a new array, the labels left alone unchanged
     * @throws IllegalArgumentException for a rate outside [0, 1) or fewer than 2 classes
     */
    public static int[] apply(int[] labels, int classes, double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(
                    "--label-noise "
                            + rate
                            + " is invalid: it must be in [0, 1), the fraction of training labels"
                            + " replaced by another class (e.g. 0.3).");
        }
        if (classes < 2) {
            throw new IllegalArgumentException(
                    "Label noise needs at least 2 classes to choose another from, got " + classes);
        }
        int[] noisy = labels.clone();
        int count = (int) Math.round(rate * labels.length);
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplitMix64 random = new SplitMix64(seed ^ STREAM);
        random.selectPrefix(order, order.length, count);
        for (int i = 0; i < count; i++) {
            int index = order[i];
            noisy[index] = (labels[index] + 1 + random.nextInt(classes - 1)) % classes;
        }
        return noisy;
    }
}
