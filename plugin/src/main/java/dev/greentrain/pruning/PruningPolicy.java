package dev.greentrain.pruning;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A rule that decides, once per epoch, which samples of a dataset are trained, in which order and
 * with which loss weights.
 *
 * <p>The training loop calls {@link #nextEpoch()} before the first batch of every epoch, {@link
 * #recordLosses(long[], float[])} after every forward pass, and {@link #completeEpoch(EpochStats)}
 * after the epoch's last batch, or {@link #abortEpoch()} when the epoch's training failed. A new
 * policy (random pruning, representative sampling, ...) implements this interface and plugs into
 * {@link PrunedDataset} and {@code dev.greentrain.training.PrunedTraining} unchanged.
 */
public interface PruningPolicy {

    /**
     * Returns the number of samples in the dataset this policy was built for.
     *
     * @return the dataset size
     */
    int getDatasetSize();

    /**
     * Plans the next epoch; called once per epoch, before its first batch is drawn (and once more
     * for an epoch whose training failed, see {@link #abortEpoch()}).
     *
     * @return the plan of the new epoch
     */
    EpochPlan nextEpoch();

    /**
     * Ends the epoch the last {@link #nextEpoch()} planned, replacing its statistics by what it
     * actually trained ({@link EpochStats#withTraining(int, int, int)}).
     *
     * @param trained the epoch's statistics as trained, with the planned epoch's number
     * @throws IllegalStateException if that epoch is not in progress
     */
    void completeEpoch(EpochStats trained);

    /**
     * Forgets the epoch in progress because its training failed: the epoch does not count, so the
     * next {@link #nextEpoch()} plans the same epoch number again (a fresh plan, whose statistics
     * replace the failed one's) and a saved state resumes with it. Losses recorded before the
     * failure stay as scores. Does nothing when no epoch is in progress.
     */
    void abortEpoch();

    /**
     * Records the unweighted, detached per-sample losses of samples that were just forwarded.
     *
     * @param indices the dataset indices of the samples
     * @param losses the per-sample losses, in the same order as {@code indices}
     */
    void recordLosses(long[] indices, float[] losses);

    /**
     * Returns a read-only view of the statistics of every epoch planned so far, oldest first.
     *
     * @return the per-epoch statistics
     */
    List<EpochStats> getEpochStats();

    /**
     * Passes every current per-sample score (e.g. the latest loss) to a consumer, skipping samples
     * without one; for publishing the score distribution, not for the per-batch path.
     *
     * @param consumer receives each score
     */
    void forEachScore(DoubleConsumer consumer);

    /**
     * Returns the forward passes (in samples) the policy itself has cost so far, e.g. embedding the
     * data for clustering, so that savings can be published net of the sampler's own work.
     *
     * @return the policy's own forward passes; 0 for policies that run no model
     */
    default long getSamplerForwardPasses() {
        return 0;
    }

    /**
     * Returns the samples the policy plans to train in each epoch after those planned so far, up to
     * the run's last epoch, for energy forecasts; a policy that cannot know answers the dataset
     * size for every remaining epoch.
     *
     * @param totalEpochs the epochs the run trains in all
     * @return one count per remaining epoch, the next one first; empty when none remains
     */
    default int[] getPlannedSamples(int totalEpochs) {
        int[] counts = new int[Math.max(0, totalEpochs - getEpochStats().size())];
        Arrays.fill(counts, getDatasetSize());
        return counts;
    }
}
