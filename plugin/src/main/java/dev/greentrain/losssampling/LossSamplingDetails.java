package dev.greentrain.losssampling;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.EpochStats;

/**
 * What loss-proportional sampling adds to an epoch's statistics: how many samples it drew and how
 * many of them were certain (probability 1) because of their high loss.
 *
 * @param drawn the samples the epoch trains
 * @param certain the samples whose inclusion probability was capped at 1
 */
public record LossSamplingDetails(int drawn, int certain) implements EpochDetails {

    /**
     * Returns loss-proportional sampling's details of an epoch's statistics.
     *
     * @param stats statistics a {@link LossProportionalSampling} planned
     * @return its details
     * @throws IllegalArgumentException if another policy planned the epoch
     */
    public static LossSamplingDetails of(EpochStats stats) {
        return stats.requireDetails(LossSamplingDetails.class, "LossProportionalSampling");
    }
}
