package dev.greentrain.infobatch;

/**
 * A small seeded random generator (SplitMix64) whose whole state is one {@code long}, so that it
 * can be saved in a checkpoint and restored exactly.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long getState() {
        return state;
    }

    void setState(long state) {
        this.state = state;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns a uniform integer in [0, bound) without modulo bias (Lemire's method). */
    int nextInt(int bound) {
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

    /** Shuffles {@code values[0..length)} uniformly (Fisher-Yates). */
    void shuffle(int[] values, int length) {
        for (int i = length - 1; i > 0; i--) {
            swap(values, i, nextInt(i + 1));
        }
    }

    /**
     * Moves a uniform random {@code count}-subset of {@code values[0..length)} to its first {@code
     * count} places (partial Fisher-Yates, without replacement).
     */
    void selectPrefix(int[] values, int length, int count) {
        for (int i = 0; i < count; i++) {
            swap(values, i, i + nextInt(length - i));
        }
    }

    private static void swap(int[] values, int i, int j) {
        int tmp = values[i];
        values[i] = values[j];
        values[j] = tmp;
    }
}
