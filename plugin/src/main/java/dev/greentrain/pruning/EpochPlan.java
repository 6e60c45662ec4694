package dev.greentrain.pruning;

import java.util.Arrays;
import java.util.Objects;

/**
 * One epoch's training order: the dataset indices to train, already shuffled, and the loss weight
 * of each.
 */
public final class EpochPlan {

    private final int[] order;
    private final int length;
    private final SampleWeights weights;
    private final EpochStats stats;

    /**
     * Creates a plan that trains {@code order[0..length)} in that order.
     *
     * @param order the dataset indices to train, in training order (only the first {@code length}
     *     are used; the array is owned by the plan afterwards)
     * @param length how many entries of {@code order} belong to the epoch
     * @param weights the loss weight of every sample
     * @param stats the statistics of the epoch
     */
    public EpochPlan(int[] order, int length, SampleWeights weights, EpochStats stats) {
        if (length < 0 || length > order.length) {
            throw new IllegalArgumentException(
                    "Epoch plan length "
                            + length
                            + " is outside 0.."
                            + order.length
                            + " (the size of its index array).");
        }
        this.order = order;
        this.length = length;
        this.weights = Objects.requireNonNull(weights, "weights");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /**
     * Returns the number of samples trained this epoch.
     *
     * @return the epoch length in samples
     */
    public int size() {
        return length;
    }

    /**
     * Returns the dataset index trained at a position of the epoch.
     *
     * @param position a position in the epoch, from 0 to {@code size() - 1}
     * @return the dataset index at that position
     */
    public int indexAt(int position) {
        if (position < 0 || position >= length) {
            throw new IndexOutOfBoundsException(
                    "Position " + position + " is outside the epoch of " + length + " samples.");
        }
        return order[position];
    }

    /**
     * Returns a plan with the same samples, weights and statistics in ascending index order, for a
     * dataset sampled without shuffling.
     *
     * @return the plan in index order (this plan is left unchanged)
     */
    public EpochPlan inIndexOrder() {
        int[] sorted = Arrays.copyOf(order, length);
        Arrays.sort(sorted);
        return new EpochPlan(sorted, length, weights, stats);
    }

    /**
     * Returns the loss weight of a sample in this epoch.
     *
     * @param index the dataset index
     * @return the weight its per-sample loss is multiplied by
     */
    public float weightOf(long index) {
        return weights.weightOf(index);
    }

    /**
     * Returns the statistics of this epoch.
     *
     * @return the epoch statistics
     */
    public EpochStats getStats() {
        return stats;
    }
}
