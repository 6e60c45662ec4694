package dev.greentrain.compare;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A policy that times its own work: planning an epoch (scoring, clustering, selection) is the
 * method phase of the arm's cost, apart from training.
 */
final class MeteredPolicy implements PruningPolicy {

    private final PruningPolicy policy;
    private final ArmEnergy energy;
    private long nanos;
    private double joules;

    MeteredPolicy(PruningPolicy policy, ArmEnergy energy) {
        this.policy = policy;
        this.energy = energy;
    }

    /** Returns the wrapped policy. */
    PruningPolicy policy() {
        return policy;
    }

    /** Returns the wall time spent planning epochs so far. */
    synchronized double seconds() {
        return nanos / 1e9;
    }

    /** Returns the energy spent planning epochs so far. */
    synchronized double joules() {
        return joules;
    }

    @Override
    public int getDatasetSize() {
        return policy.getDatasetSize();
    }

    @Override
    public synchronized EpochPlan nextEpoch() {
        long start = System.nanoTime();
        double before = energy.joules();
        try {
            return policy.nextEpoch();
        } finally {
            nanos += System.nanoTime() - start;
            joules += energy.joules() - before;
        }
    }

    @Override
    public void completeEpoch(EpochStats trained) {
        policy.completeEpoch(trained);
    }

    @Override
    public void abortEpoch() {
        policy.abortEpoch();
    }

    @Override
    public void recordLosses(long[] indices, float[] losses) {
        policy.recordLosses(indices, losses);
    }

    @Override
    public List<EpochStats> getEpochStats() {
        return policy.getEpochStats();
    }

    @Override
    public void forEachScore(DoubleConsumer consumer) {
        policy.forEachScore(consumer);
    }

    @Override
    public long getSamplerForwardPasses() {
        return policy.getSamplerForwardPasses();
    }

    @Override
    public int[] getPlannedSamples(int totalEpochs) {
        return policy.getPlannedSamples(totalEpochs);
    }
}
