package dev.greentrain.seta;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.EpochStats;

/**
 * What SeTa adds to an epoch's statistics: the samples the random drop kept and the window of
 * difficulty groups trained.
 *
 * @param kept the samples the random drop kept (the dataset size in a full-data annealing epoch)
 * @param windowStart the first group trained, 0 = the easiest
 * @param windowEnd one past the last group trained; {@code windowEnd - windowStart} equals the
 *     group count when every group is trained (the first epoch and annealing)
 * @param groups the number of difficulty groups
 * @param pruningActive whether the epoch was in the pruning phase (false once annealing started)
 */
public record SeTaDetails(
        int kept, int windowStart, int windowEnd, int groups, boolean pruningActive)
        implements EpochDetails {

    /**
     * Returns SeTa's details of an epoch's statistics.
     *
     * @param stats statistics a SeTa planned
     * @return their SeTa details
     * @throws IllegalArgumentException if another policy planned the epoch
     */
    public static SeTaDetails of(EpochStats stats) {
        return stats.requireDetails(SeTaDetails.class, "SeTa");
    }
}
