package dev.greentrain.listeners.energy;

/**
 * The sample counts of one finished epoch that the energy estimates need.
 *
 * @param trained the samples trained in the epoch (one forward and one backward pass each)
 * @param skipped the samples the policy skipped in the epoch (0 without pruning)
 * @param methodPasses the forward passes the policy itself spent on the epoch (e.g. embedding)
 * @param stillPlanned the samples still planned in the run's remaining epochs, or {@link #UNKNOWN}
 */
public record EpochSamples(long trained, long skipped, long methodPasses, long stillPlanned) {

    /** The value of {@code stillPlanned} when the run's length is not known. */
    public static final long UNKNOWN = -1;

    /** Checks the counts. */
    public EpochSamples {
        if (trained < 0 || skipped < 0 || methodPasses < 0 || stillPlanned < UNKNOWN) {
            throw new IllegalArgumentException(
                    "Epoch samples (trained "
                            + trained
                            + ", skipped "
                            + skipped
                            + ", method passes "
                            + methodPasses
                            + ", still planned "
                            + stillPlanned
                            + ") are invalid: counts must be 0 or more (still planned -1 when"
                            + " unknown).");
        }
    }
}
