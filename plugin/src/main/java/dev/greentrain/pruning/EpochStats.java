package dev.greentrain.pruning;

/**
 * What a pruning policy decided for one epoch: the read-only figures metrics and reports publish.
 *
 * @param epoch the epoch, counted from 0
 * @param datasetSize the number of samples in the dataset
 * @param samplesInEpoch the number of samples the epoch trains on
 * @param wellLearned the number of samples whose score was below the threshold
 * @param keptWellLearned the number of well-learned samples kept (and up-weighted)
 * @param threshold the score threshold of the epoch, {@code NaN} when no sample had a score
 * @param upweight the loss weight of the kept well-learned samples (1 when nothing is rescaled)
 * @param pruningActive whether the epoch was in the pruning phase (false once annealing started)
 */
public record EpochStats(
        int epoch,
        int datasetSize,
        int samplesInEpoch,
        int wellLearned,
        int keptWellLearned,
        double threshold,
        float upweight,
        boolean pruningActive) {

    /**
     * Returns the number of samples skipped this epoch (no forward and no backward pass).
     *
     * @return the number of pruned samples
     */
    public int pruned() {
        return datasetSize - samplesInEpoch;
    }

    /**
     * Returns the fraction of the dataset skipped this epoch.
     *
     * @return pruned samples divided by the dataset size
     */
    public double prunedFraction() {
        return datasetSize == 0 ? 0 : (double) pruned() / datasetSize;
    }

    /**
     * Returns the share of the dataset that was well-learned (score below the threshold).
     *
     * @return well-learned samples divided by the dataset size
     */
    public double wellLearnedFraction() {
        return datasetSize == 0 ? 0 : (double) wellLearned / datasetSize;
    }
}
