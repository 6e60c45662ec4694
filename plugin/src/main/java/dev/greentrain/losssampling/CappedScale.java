package dev.greentrain.losssampling;

import java.util.Arrays;

/**
 * Finds the capped set of {@code p_i = min(1, c * v_i)} with {@code sum p_i = count} from a
 * histogram of the values, so that the exact fixed point needs one filtering pass and one summing
 * pass over the data instead of one summing pass per round.
 *
 * <p>The plain fixed point starts at {@code c = count / sum v}, caps every {@code v_i} with {@code
 * c v_i >= 1} and re-solves {@code c = (count - capped) / (sum of the uncapped v)} until the capped
 * set stops growing (three to five passes over all samples). Here the rounds run on a histogram (16
 * buckets per octave), the samples near and above the histogram's threshold are gathered, the
 * rounds run again on them exactly, and one pass sums the uncapped values in dataset order: the
 * same sum, so the same scale bit for bit, as the plain fixed point's last round. When the check
 * that nothing outside the gathered samples is capped fails, the plain fixed point decides.
 */
final class CappedScale {

    /** A non-negative float's bits shifted by this keep the exponent and 4 mantissa bits. */
    private static final int BUCKET_SHIFT = 19;

    private static final int BUCKETS = 1 << (31 - BUCKET_SHIFT);

    /** How far below the histogram's threshold value the gathered samples reach. */
    static final double GATHER_MARGIN = 0.9;

    private final int[] counts = new int[BUCKETS];

    /**
     * Counts a non-negative finite value (a sample's loss floored at 0) in its bucket.
     *
     * @param value the value
     */
    void add(float value) {
        counts[Float.floatToRawIntBits(value) >>> BUCKET_SHIFT]++;
    }

    /**
     * Returns the value {@code v} above which the histogram's rounds cap, with every value taken as
     * its bucket's lower edge plus the offset.
     *
     * @param offset added to every value (the mean loss)
     * @param unscored how many samples take the value {@code fill}
     * @param fill the unscored samples' value, before the offset
     * @param count the samples to include
     * @param total the sum of every sample's value plus the offset
     * @return the threshold on {@code v}
     */
    double threshold(double offset, int unscored, float fill, int count, double total) {
        int fillBucket = Float.floatToRawIntBits(fill) >>> BUCKET_SHIFT;
        double scale = count / total;
        int capped = 0;
        while (true) {
            int nowCapped = 0;
            double cappedSum = 0;
            for (int b = BUCKETS - 1; b >= 0; b--) {
                int inBucket = counts[b] + (b == fillBucket ? unscored : 0);
                if (inBucket == 0) {
                    continue;
                }
                double lower = Float.intBitsToFloat(b << BUCKET_SHIFT) + offset;
                if (scale * lower < 1) {
                    break;
                }
                nowCapped += inBucket;
                cappedSum += inBucket * lower;
            }
            if (nowCapped == capped || nowCapped >= count) {
                return 1 / scale;
            }
            capped = nowCapped;
            scale = (count - capped) / (total - cappedSum);
        }
    }

    /**
     * Solves for the scale exactly, or returns {@code null} when the samples gathered below the
     * histogram's threshold do not hold the whole capped set.
     *
     * @param values every sample's value {@code v_i}, through the given accessor
     * @param count the samples to include
     * @param total the sum of every {@code v_i}
     * @param threshold the histogram's threshold on {@code v}
     * @return the scale and the capped count, or {@code null}
     */
    static Solution solve(Values values, int count, double total, double threshold) {
        int size = values.size();
        double gatherFrom = threshold * GATHER_MARGIN;
        double[] gathered = new double[64];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double v = values.at(i);
            if (v >= gatherFrom) {
                if (n == gathered.length) {
                    if (n >= size / 2) {
                        return null;
                    }
                    gathered = Arrays.copyOf(gathered, n * 2);
                }
                gathered[n++] = v;
            }
        }
        return solveGathered(values, count, total, gathered, n, gatherFrom);
    }

    /**
     * Solves for the scale exactly from samples already gathered, or returns {@code null} when they
     * do not hold the whole capped set.
     *
     * @param values every sample's value {@code v_i}, through the given accessor
     * @param count the samples to include
     * @param total the sum of every {@code v_i}
     * @param gathered the values of every sample with {@code v_i >= gatherFrom}, in any order
     *     (reordered here)
     * @param n how many of {@code gathered} are used
     * @param gatherFrom the bound the gathered samples reach down to
     * @return the scale and the capped count, or {@code null}
     */
    static Solution solveGathered(
            Values values, int count, double total, double[] gathered, int n, double gatherFrom) {
        int size = values.size();
        // the plain fixed point's rounds on the gathered values, the capped ones moved to the front
        double scale = count / total;
        int capped = 0;
        double cappedSum = 0;
        while (true) {
            if (scale * gatherFrom >= 1) {
                return null;
            }
            int nowCapped = capped;
            for (int j = capped; j < n; j++) {
                double v = gathered[j];
                if (scale * v >= 1) {
                    gathered[j] = gathered[nowCapped];
                    gathered[nowCapped++] = v;
                    cappedSum += v;
                }
            }
            if (nowCapped == capped) {
                break;
            }
            capped = nowCapped;
            scale = (count - capped) / (total - cappedSum);
        }
        if (capped == 0) {
            return new Solution(scale, 0);
        }
        // the plain fixed point's last round: the uncapped values summed in dataset order
        double uncapped = 0;
        for (int i = 0; i < size; i++) {
            double v = values.at(i);
            if (scale * v < 1) {
                uncapped += v;
            }
        }
        double exact = (count - capped) / uncapped;
        int exactCapped = 0;
        for (int j = 0; j < n; j++) {
            exactCapped += exact * gathered[j] >= 1 ? 1 : 0;
        }
        return exactCapped == capped && exact * gatherFrom < 1 ? new Solution(exact, capped) : null;
    }

    /**
     * A solved scale.
     *
     * @param scale the scale c
     * @param capped how many samples have {@code c * v_i >= 1}
     */
    record Solution(double scale, int capped) {}

    /** Every sample's value {@code v_i}. */
    interface Values {
        /** Returns the number of samples. */
        int size();

        /** Returns sample i's value. */
        double at(int i);
    }
}
