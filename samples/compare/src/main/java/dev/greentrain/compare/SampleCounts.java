package dev.greentrain.compare;

import java.util.function.IntUnaryOperator;

/**
 * The per-epoch sample counts of an arm that other arms follow: planned (asked for when the
 * follower plans that epoch) and forecast (for epochs not planned yet, for energy forecasts).
 *
 * @param planned the count of an epoch the arm has planned
 * @param forecast the count of any epoch: planned, else the arm's forecast
 */
record SampleCounts(IntUnaryOperator planned, IntUnaryOperator forecast) {

    /**
     * Returns fixed counts, known for every epoch.
     *
     * @param counts the count of an epoch
     * @return counts whose forecast is the count itself
     */
    static SampleCounts fixed(IntUnaryOperator counts) {
        return new SampleCounts(counts, counts);
    }
}
