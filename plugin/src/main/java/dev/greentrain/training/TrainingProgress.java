package dev.greentrain.training;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;

/**
 * A listener that tracks how far training is, in epochs, whatever the length of each epoch.
 *
 * <p>It reads each training batch's progress (for pruned epochs {@link PrunedTraining} reports it
 * relative to the epoch's own length) and counts finished epochs, so an {@link EpochAlignedTracker}
 * can keep a learning-rate schedule aligned to epochs when pruning makes epochs shorter.
 */
public final class TrainingProgress extends TrainingListenerAdapter {

    private volatile int completedEpochs;
    private volatile double epochFraction;

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        Batch batch = batchData.getBatch();
        long total = batch.getProgressTotal();
        epochFraction = total <= 0 ? 0 : Math.min(1.0, (double) batch.getProgress() / total);
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        completedEpochs++;
        epochFraction = 0;
    }

    /**
     * Returns the number of epochs finished.
     *
     * @return the finished epochs
     */
    public int getCompletedEpochs() {
        return completedEpochs;
    }

    /**
     * Returns how much of the current epoch has been trained.
     *
     * @return a fraction from 0 to 1
     */
    public double getEpochFraction() {
        return epochFraction;
    }

    /**
     * Sets the progress directly, e.g. when resuming from a checkpoint or in a custom loop.
     *
     * @param completedEpochs the epochs finished
     * @param epochFraction the fraction of the current epoch trained, from 0 to 1
     */
    public void set(int completedEpochs, double epochFraction) {
        if (completedEpochs < 0 || !(epochFraction >= 0 && epochFraction <= 1)) {
            throw new IllegalArgumentException(
                    "Progress "
                            + completedEpochs
                            + " epochs + "
                            + epochFraction
                            + " is invalid: epochs must be >= 0 and the fraction in [0, 1].");
        }
        this.completedEpochs = completedEpochs;
        this.epochFraction = epochFraction;
    }
}
