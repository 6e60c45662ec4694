package dev.greentrain.orderdp;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.EpochStats;

/**
 * What OrderDP adds to an epoch's statistics: the size of the random subset and how many of its
 * highest-loss samples were trained.
 *
 * @param subsetSize the random subset's size, s
 * @param topCount the samples of the subset trained, q
 */
public record OrderDpDetails(int subsetSize, int topCount) implements EpochDetails {

    /**
     * Returns OrderDP's details of an epoch's statistics.
     *
     * @param stats statistics an OrderDP planned
     * @return their OrderDP details
     * @throws IllegalArgumentException if another policy planned the epoch
     */
    public static OrderDpDetails of(EpochStats stats) {
        return stats.requireDetails(OrderDpDetails.class, "OrderDP");
    }
}
