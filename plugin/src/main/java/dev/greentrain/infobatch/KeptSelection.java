package dev.greentrain.infobatch;

import dev.greentrain.pruning.SampleWeights;
import dev.greentrain.pruning.SplitMix64;

/**
 * The step of InfoBatch that keeps part of an epoch's well-learned samples and weights them;
 * pluggable so that variants (e.g. stratified by cluster) reuse everything else.
 */
@FunctionalInterface
public interface KeptSelection {

    /**
     * The authors' rule: keep a uniformly random {@code floor((1 - r) * m)} of the {@code m}
     * well-learned samples, each with weight {@code 1 / (1 - r)}; the same as {@code
     * uniform(KeptCount.REFERENCE)}.
     */
    KeptSelection UNIFORM = uniform(KeptCount.REFERENCE);

    /**
     * InfoBatch's own selection: keep a uniformly random subset of the {@code m} well-learned
     * samples, of the size the rounding rule gives for {@code (1 - r) * m}, each with weight {@code
     * 1 / (1 - r)}.
     *
     * @param rounding how the kept share becomes a count
     * @return the selection
     */
    static KeptSelection uniform(KeptCount rounding) {
        return (epoch, candidates, count, pruneRatio, random) -> {
            int kept = rounding.count(count, pruneRatio, random);
            random.selectPrefix(candidates, count, kept);
            float upweight = (float) (1.0 / (1.0 - pruneRatio));
            return new Kept(kept, index -> upweight, upweight);
        };
    }

    /**
     * Chooses the kept samples: moves them to the front of {@code candidates[0..count)}.
     *
     * @param epoch the epoch being planned, from 0
     * @param candidates the well-learned sample indices in {@code [0, count)}; reordered in place
     * @param count the number of well-learned samples m
     * @param pruneRatio the prune ratio r
     * @param random the pruner's generator
     * @return how many were kept and their weights
     */
    Kept select(int epoch, int[] candidates, int count, double pruneRatio, SplitMix64 random);

    /**
     * Returns the forward passes (in samples) the selection has spent so far, e.g. embedding the
     * data for clustering; InfoBatch reports them per epoch in {@code EpochStats.methodPasses}.
     *
     * @return the selection's own forward passes; 0 for selections that run no model
     */
    default long forwardPasses() {
        return 0;
    }

    /**
     * The kept well-learned samples of an epoch.
     *
     * @param count how many are kept (they are {@code candidates[0..count)})
     * @param weights the loss weight of each kept sample (read only for kept samples)
     * @param upweight the weight reported in {@code InfoBatchDetails.upweight} (their mean weight)
     */
    record Kept(int count, SampleWeights weights, float upweight) {}
}
