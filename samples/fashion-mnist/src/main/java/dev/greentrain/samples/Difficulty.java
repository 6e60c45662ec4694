package dev.greentrain.samples;

import java.util.Locale;

/**
 * What makes the Fashion-MNIST training set harder than the original: symmetric label noise and an
 * exponential class imbalance; the test set is always the clean, balanced original.
 *
 * @param labelNoise the fraction of training labels replaced by another class, in [0, 1); 0 for
 *     none
 * @param longTail the imbalance factor (largest over smallest class), at least 1; 0 for the
 *     balanced set
 */
public record Difficulty(double labelNoise, double longTail) {

    /** The original training set. */
    public static final Difficulty NONE = new Difficulty(0, 0);

    /**
     * Returns whether the training set is long-tailed.
     *
     * @return whether an imbalance factor was given
     */
    public boolean isLongTailed() {
        return longTail != 0;
    }

    /**
     * Returns a short description for logs.
     *
     * @return e.g. {@code label noise 0.3, long tail 100}
     */
    public String describe() {
        return String.format(Locale.ROOT, "label noise %s, long tail %s", labelNoise, longTail);
    }
}
