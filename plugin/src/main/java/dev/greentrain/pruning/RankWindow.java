package dev.greentrain.pruning;

/**
 * The selection SeTa and OrderDP share: a uniformly random subset of the dataset, of which the
 * samples whose rank by score lies in a window {@code [low, high)} are trained, in random order.
 *
 * <p>Ranks count from 0 in ascending score; a sample without a score ({@code NaN}) ranks as {@code
 * +infinity}, above every scored one. Scores are compared as floats ({@code -0.0} below {@code
 * 0.0}); where several samples share the score at a bound of the window, the window takes a
 * uniformly random choice of them, as many as its size needs. The trained samples are then shuffled
 * uniformly.
 *
 * <p>Cost, for N samples, a subset of K and T trained: Floyd's draw of {@code min(K, N - K)}
 * samples into a bitset, one sequential pass over the subset's scores (in index order), a two-level
 * radix selection of the window's bounds (one more sequential pass per bound), one pass that keeps
 * the window and a Fisher-Yates shuffle of the T trained: no sort, and no random access to the
 * scores.
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
        long[] members = drawSubset(datasetSize, subsetSize, random);
        int[] order = new int[datasetSize];
        int length;
        if (low == 0 && high == subsetSize) {
            length = collect(members, order);
        } else {
            length = keepWindow(scores, members, subsetSize, low, high, order, random);
        }
        random.shuffle(order, length);
        return order;
    }

    /** Returns a bitset of a uniformly random {@code count}-subset of {@code [0, size)}. */
    private static long[] drawSubset(int size, int count, SplitMix64 random) {
        boolean drawDropped = count > size / 2;
        int draws = drawDropped ? size - count : count;
        long[] bits = new long[(size + 63) >>> 6];
        for (int j = size - draws; j < size; j++) { // Floyd's algorithm
            int t = random.nextInt(j + 1);
            int pick = (bits[t >>> 6] & (1L << t)) != 0 ? j : t;
            bits[pick >>> 6] |= 1L << pick;
        }
        if (drawDropped) {
            for (int w = 0; w < bits.length; w++) {
                bits[w] = ~bits[w];
            }
            int tail = size & 63;
            if (tail != 0) {
                bits[bits.length - 1] &= (1L << tail) - 1;
            }
        }
        return bits;
    }

    /** Writes the members in ascending index order and returns their count. */
    private static int collect(long[] members, int[] order) {
        int n = 0;
        for (int w = 0; w < members.length; w++) {
            for (long word = members[w]; word != 0; word &= word - 1) {
                order[n++] = (w << 6) | Long.numberOfTrailingZeros(word);
            }
        }
        return n;
    }

    /** Writes the members whose rank lies in the window to {@code order}; returns their count. */
    private static int keepWindow(
            float[] scores,
            long[] members,
            int subsetSize,
            int low,
            int high,
            int[] order,
            SplitMix64 random) {
        int[] keys = new int[subsetSize];
        int[] topCounts = new int[BUCKETS];
        int n = 0;
        for (int w = 0; w < members.length; w++) {
            for (long word = members[w]; word != 0; word &= word - 1) {
                int index = (w << 6) | Long.numberOfTrailingZeros(word);
                int key = sortableKey(scores[index]);
                order[n] = index;
                keys[n++] = key;
                topCounts[key >>> 16]++;
            }
        }
        Bound lower = low == 0 ? null : Bound.at(keys, topCounts, low);
        Bound upper = high == subsetSize ? null : Bound.at(keys, topCounts, high);
        TieDraw lowerTies = null;
        TieDraw upperTies = null;
        if (lower != null && upper != null && lower.key == upper.key) {
            lowerTies = new TieDraw(lower.key, lower.equal, high - low, random);
        } else {
            if (lower != null) {
                lowerTies =
                        new TieDraw(
                                lower.key, lower.equal, lower.below + lower.equal - low, random);
            }
            if (upper != null) {
                upperTies = new TieDraw(upper.key, upper.equal, high - upper.below, random);
            }
        }
        int length = 0;
        for (int i = 0; i < subsetSize; i++) {
            int key = keys[i];
            boolean keep;
            if (lowerTies != null && key == lowerTies.key) {
                keep = lowerTies.take();
            } else if (upperTies != null && key == upperTies.key) {
                keep = upperTies.take();
            } else {
                keep =
                        (lower == null || Integer.compareUnsigned(key, lower.key) > 0)
                                && (upper == null || Integer.compareUnsigned(key, upper.key) < 0);
            }
            if (keep) {
                order[length++] = order[i];
            }
        }
        return length;
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
     * The key at a rank, the number of keys below it and the number equal to it.
     *
     * @param key the key of the sample at the rank (unsigned)
     * @param below how many keys of the subset are smaller
     * @param equal how many keys of the subset are equal
     */
    private record Bound(int key, int below, int equal) {

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
            return new Bound(top << 16 | bottom, below, lowCounts[bottom]);
        }
    }

    /** A uniform choice of {@code needed} of the {@code ties} samples with one key, in one pass. */
    private static final class TieDraw {

        private final int key;
        private final SplitMix64 random;
        private int remaining;
        private int needed;

        TieDraw(int key, int ties, int needed, SplitMix64 random) {
            this.key = key;
            this.remaining = ties;
            this.needed = needed;
            this.random = random;
        }

        /**
         * Decides for the next tie: taken with probability needed / remaining (selection sampling).
         */
        boolean take() {
            boolean taken = needed > 0 && random.nextInt(remaining) < needed;
            remaining--;
            if (taken) {
                needed--;
            }
            return taken;
        }
    }
}
