package dev.greentrain.pruning;

/**
 * The selection SeTa and OrderDP share: a uniformly random subset of the dataset, in random order,
 * of which the samples whose rank by score lies in a window {@code [low, high)} are trained.
 *
 * <p>Ranks count from 0 in ascending score; a sample without a score ({@code NaN}) ranks as {@code
 * +infinity}, above every scored one; equal scores (equal float values, {@code -0.0} below {@code
 * 0.0}) rank in the subset's random order, the earlier one lower. The trained samples keep the
 * subset's random order. Cost: one partial Fisher-Yates draw of the subset, then three sequential
 * passes over the subset's scores (a two-level radix selection of the window's bounds) and one that
 * keeps the window: no sort.
 */
public final class RankWindow {

    private static final int BUCKETS = 1 << 16;

    private RankWindow() {}

    /**
     * Draws the subset and returns the order of the samples whose rank lies in the window.
     *
     * @param scores one score per sample, {@code NaN} when the sample has none
     * @param subsetSize the size of the random subset, from 0 to the dataset size
     * @param low the lowest rank trained, from 0 to {@code high}
     * @param high one past the highest rank trained, at most {@code subsetSize}
     * @param random the policy's generator
     * @return an array of the dataset's size whose first {@code high - low} entries are the trained
     *     samples in training order
     */
    public static int[] select(
            float[] scores, int subsetSize, int low, int high, SplitMix64 random) {
        int datasetSize = scores.length;
        if (subsetSize < 0 || subsetSize > datasetSize || low < 0 || low > high) {
            throw new IllegalArgumentException(
                    "Rank window ["
                            + low
                            + ", "
                            + high
                            + ") of a subset of "
                            + subsetSize
                            + " is invalid for "
                            + datasetSize
                            + " samples: expected 0 <= low <= high <= subset <= dataset size.");
        }
        if (high > subsetSize) {
            throw new IllegalArgumentException(
                    "Rank window ends at " + high + ", past the subset of " + subsetSize + ".");
        }
        int[] order = new int[datasetSize];
        for (int i = 0; i < datasetSize; i++) {
            order[i] = i;
        }
        random.selectPrefix(order, datasetSize, subsetSize);
        if (low == 0 && high == subsetSize) {
            return order;
        }
        int[] keys = new int[subsetSize];
        for (int i = 0; i < subsetSize; i++) {
            keys[i] = sortableKey(scores[order[i]]);
        }
        int[] topCounts = new int[BUCKETS];
        for (int key : keys) {
            topCounts[key >>> 16]++;
        }
        Bound lower = low == 0 ? null : Bound.at(keys, topCounts, low);
        Bound upper = high == subsetSize ? null : Bound.at(keys, topCounts, high);
        int lowerTies = 0;
        int upperTies = 0;
        int length = 0;
        for (int i = 0; i < subsetSize; i++) {
            int key = keys[i];
            boolean aboveLower = true;
            if (lower != null) {
                int c = Integer.compareUnsigned(key, lower.key);
                // the j-th tie of the bound's key has rank below + j
                aboveLower = c > 0 || (c == 0 && lower.below + lowerTies++ >= low);
            }
            boolean belowUpper = true;
            if (upper != null) {
                int c = Integer.compareUnsigned(key, upper.key);
                belowUpper = c < 0 || (c == 0 && upper.below + upperTies++ < high);
            }
            if (aboveLower && belowUpper) {
                order[length++] = order[i];
            }
        }
        return order;
    }

    /**
     * Returns a key whose unsigned order is the order of the scores, {@code NaN} as infinity.
     *
     * @param score a score
     * @return its key
     */
    static int sortableKey(float score) {
        int bits = Float.floatToRawIntBits(Float.isNaN(score) ? Float.POSITIVE_INFINITY : score);
        return bits < 0 ? ~bits : bits | 0x80000000;
    }

    /**
     * The key at a rank and the number of keys below it.
     *
     * @param key the key of the sample at the rank (unsigned)
     * @param below how many keys of the subset are smaller
     */
    private record Bound(int key, int below) {

        /** Finds the key at a rank: its top 16 bits from the shared counts, then the low 16. */
        static Bound at(int[] keys, int[] topCounts, int rank) {
            int top = 0;
            int below = 0;
            while (below + topCounts[top] <= rank) {
                below += topCounts[top++];
            }
            int[] lowCounts = new int[BUCKETS];
            for (int key : keys) {
                if (key >>> 16 == top) {
                    lowCounts[key & 0xFFFF]++;
                }
            }
            int bottom = 0;
            while (below + lowCounts[bottom] <= rank) {
                below += lowCounts[bottom++];
            }
            return new Bound(top << 16 | bottom, below);
        }
    }
}
