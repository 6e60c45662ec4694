package dev.greentrain.distill;

import dev.greentrain.pruning.SplitMix64;

/**
 * Independent, reproducible random streams derived from the run's seed: one per purpose, iteration
 * and class, so a resumed run draws exactly what an uninterrupted one draws.
 */
final class Streams {

    /** Network initialisation. */
    static final long NETWORK = 1;

    /** Real batch sampling. */
    static final long REAL_BATCH = 2;

    /** Augmentation draws. */
    static final long AUGMENTATION = 3;

    /** Synthetic initialisation. */
    static final long INITIALISATION = 4;

    /** K-means seeding. */
    static final long CLUSTERING = 5;

    /** Evaluation. */
    static final long EVALUATION = 6;

    private Streams() {}

    /** Returns the generator of one purpose, iteration and class. */
    static SplitMix64 of(long seed, long purpose, long iteration, long c) {
        SplitMix64 mixer = new SplitMix64(seed);
        long state = mixer.nextLong() ^ (purpose * 0x9E3779B97F4A7C15L);
        state = new SplitMix64(state).nextLong() ^ (iteration * 0xBF58476D1CE4E5B9L);
        state = new SplitMix64(state).nextLong() ^ (c * 0x94D049BB133111EBL);
        return new SplitMix64(state);
    }

    /** Returns a 31-bit seed for the engine's generator (network weights). */
    static int engineSeed(long seed, long purpose, long iteration) {
        return (int) (of(seed, purpose, iteration, 0).nextLong() >>> 33);
    }

    /** Returns the first {@code n} of a uniform random permutation of {@code values}. */
    static int[] pick(int[] values, int n, SplitMix64 random) {
        int[] copy = values.clone();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return java.util.Arrays.copyOf(copy, n);
    }
}
