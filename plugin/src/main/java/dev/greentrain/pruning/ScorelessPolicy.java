package dev.greentrain.pruning;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A base for policies that choose each epoch's samples without looking at losses (random pruning,
 * DREAM sampling): no scores, no loss rescaling, and the same statistics for every epoch.
 */
public abstract class ScorelessPolicy implements PruningPolicy {

    private final int datasetSize;
    private final EpochLedger ledger = new EpochLedger();

    /**
     * Creates the base for a dataset.
     *
     * @param datasetSize the number of samples in the dataset
     */
    protected ScorelessPolicy(int datasetSize) {
        this.datasetSize = datasetSize;
    }

    /** {@inheritDoc} */
    @Override
    public int getDatasetSize() {
        return datasetSize;
    }

    /**
     * Returns the number of epochs planned so far (an aborted epoch not counted), which is the
     * index of the next epoch.
     *
     * @return the next epoch, counted from 0
     */
    protected int plannedEpochs() {
        return ledger.nextEpoch();
    }

    /**
     * Records and returns the plan of the next epoch, every weight 1.
     *
     * @param order the dataset indices to train, in training order (owned by the plan afterwards)
     * @param length how many entries of {@code order} belong to the epoch
     * @return the plan
     */
    protected EpochPlan plan(int[] order, int length) {
        EpochStats epochStats =
                EpochStats.planned(
                        ledger.nextEpoch(),
                        datasetSize,
                        length,
                        ledger.unaccountedMethodPasses(getSamplerForwardPasses()),
                        EpochDetails.NONE);
        ledger.add(epochStats);
        return new EpochPlan(order, length, SampleWeights.ONE, epochStats);
    }

    /**
     * Does nothing: the policy does not look at losses.
     *
     * @param indices ignored
     * @param losses ignored
     */
    @Override
    public void recordLosses(long[] indices, float[] losses) {}

    /** {@inheritDoc} */
    @Override
    public void completeEpoch(EpochStats trained) {
        ledger.complete(trained);
    }

    /** {@inheritDoc} */
    @Override
    public void abortEpoch() {
        ledger.abort();
    }

    /** {@inheritDoc} */
    @Override
    public List<EpochStats> getEpochStats() {
        return ledger.view();
    }

    /**
     * Passes nothing: the policy keeps no scores.
     *
     * @param consumer never called
     */
    @Override
    public void forEachScore(DoubleConsumer consumer) {}
}
