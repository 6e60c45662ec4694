package dev.greentrain.infobatch;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.EpochStats;

/**
 * What InfoBatch adds to an epoch's statistics: its threshold, the well-learned samples and the
 * weight of those it kept.
 *
 * @param wellLearned the number of samples whose score was below the threshold
 * @param keptWellLearned the number of well-learned samples kept (and up-weighted)
 * @param threshold the score threshold of the epoch, {@code NaN} when no sample had a score
 * @param upweight the loss weight of the kept well-learned samples (1 when nothing is rescaled)
 * @param pruningActive whether the epoch was in the pruning phase (false once annealing started)
 */
public record InfoBatchDetails(
        int wellLearned,
        int keptWellLearned,
        double threshold,
        float upweight,
        boolean pruningActive)
        implements EpochDetails {

    /**
     * Returns InfoBatch's details of an epoch's statistics.
     *
     * @param stats statistics an InfoBatch (or a policy built on it) planned
     * @return their InfoBatch details
     * @throws IllegalArgumentException if another policy planned the epoch
     */
    public static InfoBatchDetails of(EpochStats stats) {
        return stats.details(InfoBatchDetails.class)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Epoch "
                                                + stats.epoch()
                                                + " has details "
                                                + stats.details()
                                                + ", not InfoBatch's: pass statistics an"
                                                + " InfoBatch planned."));
    }

    /**
     * Returns the share of the dataset that was well-learned (score below the threshold).
     *
     * @param datasetSize the dataset's size
     * @return well-learned samples divided by the dataset size, 0 for an empty dataset
     */
    public double wellLearnedFraction(int datasetSize) {
        return datasetSize == 0 ? 0 : (double) wellLearned / datasetSize;
    }
}
