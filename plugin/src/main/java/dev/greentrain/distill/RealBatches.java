package dev.greentrain.distill;

import ai.djl.ndarray.NDManager;
import dev.greentrain.dream.Embedder;

/**
 * Chooses the real batch of every class in every iteration, by a {@link RealBatchSampler}; for
 * DREAM it keeps the current representatives between re-clusterings.
 */
final class RealBatches {

    private final RealBatchSampler sampler;
    private final LabelledImages data;
    private final int batchSize;
    private final int interval;
    private final long seed;
    private int[][] selected;
    private long clusteringForwards;

    RealBatches(
            RealBatchSampler sampler, LabelledImages data, int batchSize, int interval, long seed) {
        this.sampler = sampler;
        this.data = data;
        this.batchSize = batchSize;
        this.interval = interval;
        this.seed = seed;
    }

    /**
     * Prepares an iteration (0-based): DREAM re-clusters every class on the iteration's network
     * when the iteration is a multiple of the interval or nothing is selected yet.
     */
    void prepare(NDManager manager, int iteration, Embedder embedder) {
        if (sampler != RealBatchSampler.DREAM || (selected != null && iteration % interval != 0)) {
            return;
        }
        int[][] next = new int[data.classes()][];
        for (int c = 0; c < data.classes(); c++) {
            next[c] =
                    Representatives.select(
                            manager,
                            data,
                            c,
                            batchSize,
                            embedder,
                            Streams.of(seed, Streams.CLUSTERING, iteration, c));
            clusteringForwards += data.ofClass(c).length;
        }
        selected = next;
    }

    /** Returns the dataset indices of class c's real batch in an iteration (0-based). */
    int[] batch(int iteration, int c) {
        if (sampler == RealBatchSampler.DREAM) {
            return selected[c];
        }
        int[] members = data.ofClass(c);
        return Streams.pick(
                members,
                Math.min(batchSize, members.length),
                Streams.of(seed, Streams.REAL_BATCH, iteration, c));
    }

    /** Counts forward passes spent embedding real data outside the batches (initialisation). */
    void countClusteringForwards(long forwards) {
        clusteringForwards += forwards;
    }

    /** Returns the forward passes spent embedding real data for clustering. */
    long clusteringForwards() {
        return clusteringForwards;
    }

    /** Returns DREAM's current selection (null before the first or for random batches). */
    int[][] selected() {
        return selected;
    }

    /** Restores a saved state. */
    void restore(int[][] saved, long forwards) {
        selected = saved;
        clusteringForwards = forwards;
    }
}
