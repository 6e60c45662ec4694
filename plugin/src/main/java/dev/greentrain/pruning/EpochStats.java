package dev.greentrain.pruning;

import java.util.Objects;
import java.util.Optional;

/**
 * What a pruning policy decided for one epoch, and once the epoch is complete what it actually
 * trained: the figures every policy fills, plus the {@link EpochDetails} only that policy knows.
 *
 * <p>While an epoch is planned but not yet complete, {@code samplesInEpoch} is the planned count
 * and the last three counts are 0; the training loop replaces the statistics with {@link
 * #withTraining(int, int, int)} when the epoch's last batch has been trained.
 *
 * @param epoch the epoch, counted from 0
 * @param datasetSize the number of samples in the dataset
 * @param samplesInEpoch the number of samples the epoch trains on (once complete: the samples
 *     actually forwarded)
 * @param methodPasses the forward passes (in samples) the policy itself spent planning this epoch,
 *     e.g. embedding the data for clustering; 0 for policies that run no model
 * @param samplesDropped planned samples left untrained by the sampler: the last partial batch when
 *     {@code dropLast} is set
 * @param nonFiniteLosses the per-sample losses that were NaN or infinite, left out of the loss
 * @param skippedSteps the batches without a single finite loss, whose optimizer step was skipped
 * @param details what the policy adds, {@link EpochDetails#NONE} when nothing
 */
public record EpochStats(
        int epoch,
        int datasetSize,
        int samplesInEpoch,
        long methodPasses,
        int samplesDropped,
        int nonFiniteLosses,
        int skippedSteps,
        EpochDetails details) {

    /** Checks the counts and that details are given. */
    public EpochStats {
        Objects.requireNonNull(details, "details (use EpochDetails.NONE for none)");
        if (epoch < 0 || datasetSize < 0 || samplesInEpoch < 0 || methodPasses < 0) {
            throw new IllegalArgumentException(
                    "Epoch statistics (epoch "
                            + epoch
                            + ", dataset size "
                            + datasetSize
                            + ", samples "
                            + samplesInEpoch
                            + ", method passes "
                            + methodPasses
                            + ") are invalid: every count must be 0 or more.");
        }
    }

    /**
     * Creates the statistics of a planned epoch, before anything was trained.
     *
     * @param epoch the epoch, counted from 0
     * @param datasetSize the number of samples in the dataset
     * @param samplesInEpoch the number of samples the epoch plans to train
     * @param methodPasses the forward passes the policy spent planning the epoch
     * @param details what the policy adds, {@link EpochDetails#NONE} when nothing
     * @return the planned epoch's statistics
     */
    public static EpochStats planned(
            int epoch,
            int datasetSize,
            int samplesInEpoch,
            long methodPasses,
            EpochDetails details) {
        return new EpochStats(epoch, datasetSize, samplesInEpoch, methodPasses, 0, 0, 0, details);
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
                methodPasses,
                planned - samplesTrained,
                nonFiniteLosses,
                skippedSteps,
                details);
    }

    /**
     * Returns the policy's details if they are of the given type.
     *
     * @param type the details' type, e.g. {@code InfoBatchDetails.class}
     * @param <T> the details' type
     * @return the details, or empty when the policy filled other (or no) details
     */
    public <T extends EpochDetails> Optional<T> details(Class<T> type) {
        return type.isInstance(details) ? Optional.of(type.cast(details)) : Optional.empty();
    }

    /**
     * Returns the policy's details, which must be of the given type.
     *
     * @param type the details' type, e.g. {@code SeTaDetails.class}
     * @param policy the policy that plans such details, for the message
     * @param <T> the details' type
     * @return the details
     * @throws IllegalArgumentException if another policy planned the epoch
     */
    public <T extends EpochDetails> T requireDetails(Class<T> type, String policy) {
        return details(type)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Epoch "
                                                + epoch
                                                + " has details "
                                                + details
                                                + ", not "
                                                + policy
                                                + "'s: pass statistics "
                                                + policy
                                                + " planned."));
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
}
