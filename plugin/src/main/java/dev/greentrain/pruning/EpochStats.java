package dev.greentrain.pruning;

/**
 * What a pruning policy decided for one epoch, and once the epoch is complete what it actually
 * trained: the read-only figures metrics and reports publish.
 *
 * <p>While an epoch is planned but not yet complete, {@code samplesInEpoch} is the planned count
 * and the last three figures are 0; the training loop replaces the statistics with {@link
 * #withTraining(int, int, int)} when the epoch's last batch has been trained.
 *
 * @param epoch the epoch, counted from 0
 * @param datasetSize the number of samples in the dataset
 * @param samplesInEpoch the number of samples the epoch trains on (once complete: the samples
 *     actually forwarded)
 * @param wellLearned the number of samples whose score was below the threshold
 * @param keptWellLearned the number of well-learned samples kept (and up-weighted)
 * @param threshold the score threshold of the epoch, {@code NaN} when no sample had a score
 * @param upweight the loss weight of the kept well-learned samples (1 when nothing is rescaled)
 * @param pruningActive whether the epoch was in the pruning phase (false once annealing started)
 * @param samplesDropped planned samples left untrained by the sampler: the last partial batch when
 *     {@code dropLast} is set
 * @param nonFiniteLosses the per-sample losses that were NaN or infinite, left out of the loss
 * @param skippedSteps the batches without a single finite loss, whose optimizer step was skipped
 */
public record EpochStats(
        int epoch,
        int datasetSize,
        int samplesInEpoch,
        int wellLearned,
        int keptWellLearned,
        double threshold,
        float upweight,
        boolean pruningActive,
        int samplesDropped,
        int nonFiniteLosses,
        int skippedSteps) {

    /**
     * Creates the statistics of a planned epoch, before anything was trained.
     *
     * @param epoch the epoch, counted from 0
     * @param datasetSize the number of samples in the dataset
     * @param samplesInEpoch the number of samples the epoch plans to train
     * @param wellLearned the number of samples whose score was below the threshold
     * @param keptWellLearned the number of well-learned samples kept (and up-weighted)
     * @param threshold the score threshold of the epoch, {@code NaN} when no sample had a score
     * @param upweight the loss weight of the kept well-learned samples
     * @param pruningActive whether the epoch was in the pruning phase
     */
    public EpochStats(
            int epoch,
            int datasetSize,
            int samplesInEpoch,
            int wellLearned,
            int keptWellLearned,
            double threshold,
            float upweight,
            boolean pruningActive) {
        this(
                epoch,
                datasetSize,
                samplesInEpoch,
                wellLearned,
                keptWellLearned,
                threshold,
                upweight,
                pruningActive,
                0,
                0,
                0);
    }

    /**
     * Returns the statistics of this epoch once trained: what was actually forwarded, what the
     * sampler dropped ({@code dropLast}), the non-finite losses and the skipped optimizer steps.
     *
     * @param samplesTrained the samples actually forwarded, at most the planned samples
     * @param nonFiniteLosses the per-sample losses that were NaN or infinite
     * @param skippedSteps the batches whose optimizer step was skipped (no finite loss)
     * @return the completed epoch's statistics
     */
    public EpochStats withTraining(int samplesTrained, int nonFiniteLosses, int skippedSteps) {
        int planned = samplesInEpoch + samplesDropped;
        if (samplesTrained < 0 || samplesTrained > planned) {
            throw new IllegalArgumentException(
                    "Epoch "
                            + epoch
                            + " planned "
                            + planned
                            + " samples but "
                            + samplesTrained
                            + " are reported trained; expected 0.."
                            + planned
                            + ".");
        }
        return new EpochStats(
                epoch,
                datasetSize,
                samplesTrained,
                wellLearned,
                keptWellLearned,
                threshold,
                upweight,
                pruningActive,
                planned - samplesTrained,
                nonFiniteLosses,
                skippedSteps);
    }

    /**
     * Returns the number of samples the policy skipped this epoch (no forward and no backward
     * pass); samples the sampler dropped ({@code dropLast}) are not counted as pruned.
     *
     * @return the number of pruned samples
     */
    public int pruned() {
        return datasetSize - samplesInEpoch - samplesDropped;
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
