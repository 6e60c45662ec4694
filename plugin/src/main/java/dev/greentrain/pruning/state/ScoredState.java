package dev.greentrain.pruning.state;

import dev.greentrain.pruning.EpochStats;
import java.util.List;

/**
 * The whole saved state of a policy that keeps one stale score per sample: its settings, the next
 * epoch, its random generator, the scores, the current epoch's order and every epoch's statistics.
 *
 * @param settings the settings the state belongs to
 * @param nextEpoch the next epoch to plan, counted from 0
 * @param randomState the random generator's state
 * @param scores one score per sample, {@code NaN} when the sample has none
 * @param order the current epoch's order, {@code null} when no epoch is planned
 * @param orderLength how many entries of {@code order} belong to the epoch
 * @param stats the statistics of every epoch planned, oldest first
 */
public record ScoredState(
        Settings settings,
        int nextEpoch,
        long randomState,
        float[] scores,
        int[] order,
        int orderLength,
        List<EpochStats> stats) {

    /**
     * The settings a state belongs to: it loads only into a policy built with equal ones.
     *
     * @param datasetSize the number of samples
     * @param epochs the total number of epochs
     * @param seed the random generator's seed
     * @param names the names of the policy's own settings, as its builder calls them
     * @param values the policy's own settings, in the order of {@code names}
     */
    public record Settings(
            int datasetSize, int epochs, long seed, List<String> names, double[] values) {

        /**
         * Returns whether two settings are equal, value by value ({@code NaN} equals {@code NaN}).
         *
         * @param other the other settings
         * @return whether a state of one loads into a policy of the other
         */
        public boolean matches(Settings other) {
            return datasetSize == other.datasetSize
                    && epochs == other.epochs
                    && seed == other.seed
                    && names.equals(other.names)
                    && java.util.Arrays.equals(values, other.values);
        }

        /**
         * Returns the settings as {@code name=value} pairs, for messages.
         *
         * @return e.g. "epochs=10, seed=42, pruneRatio=0.1"
         */
        public String describe() {
            StringBuilder text = new StringBuilder("epochs=" + epochs + ", seed=" + seed);
            for (int i = 0; i < names.size(); i++) {
                text.append(", ").append(names.get(i)).append('=').append(values[i]);
            }
            return text.toString();
        }
    }
}
