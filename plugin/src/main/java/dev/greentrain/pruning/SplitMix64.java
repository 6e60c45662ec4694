package dev.greentrain.pruning;

/**
 * A small seeded random generator (SplitMix64) whose whole state is one {@code long}, so that a
 * pruning policy can own it, save it in a checkpoint and restore it exactly.
 */
public final class SplitMix64 {

    private long state;

    /**
     * Creates a generator.
     *
     * @param seed the seed
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * Returns the whole state, to save.
     *
     * @return the state
     */
    public long getState() {
        return state;
    }

    /**
     * Restores a saved state.
     *
     * @param state a value from {@link #getState()}
     */
    public void setState(long state) {
        this.state = state;
    }

    /**
     * Returns the next 64 random bits.
     *
     * @return a uniform long
     */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns a uniform integer in [0, bound) without modulo bias (Lemire's method).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the integer
     */
    public int nextInt(int bound) {
        long product = (nextLong() >>> 32) * bound;
        long low = product & 0xFFFFFFFFL;
        if (low < bound) {
            long rejectBelow = (0x100000000L - bound) % bound;
            while (low < rejectBelow) {
                product = (nextLong() >>> 32) * bound;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /**
     * Shuffles {@code values[0..length)} uniformly (Fisher-Yates).
     *
     * @param values the array
     * @param length how many leading entries to shuffle
     */
    public void shuffle(int[] values, int length) {
        for (int i = length - 1; i > 0; i--) {
            swap(values, i, nextInt(i + 1));
        }
    }

    /**
     * Moves a uniform random {@code count}-subset of {@code values[0..length)} to its first {@code
     * count} places (partial Fisher-Yates, without replacement).
     *
     * @param values the array
     * @param length how many leading entries to choose from
     * @param count how many to choose
     */
    public void selectPrefix(int[] values, int length, int count) {
        for (int i = 0; i < count; i++) {
            swap(values, i, i + nextInt(length - i));
        }
    }

    /**
     * Moves a uniform random {@code count}-subset of {@code values[from..from + length)} to its
     * first {@code count} places (partial Fisher-Yates, without replacement).
     *
     * @param values the array
     * @param from where the range starts
     * @param length how many entries of the range to choose from
     * @param count how many to choose
     */
    public void selectPrefix(int[] values, int from, int length, int count) {
        for (int i = 0; i < count; i++) {
            swap(values, from + i, from + i + nextInt(length - i));
        }
    }

    /**
     * Returns a uniform double in [0, 1) from the top 53 bits.
     *
     * @return the double
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private static void swap(int[] values, int i, int j) {
        int tmp = values[i];
        values[i] = values[j];
        values[j] = tmp;
    }
}
