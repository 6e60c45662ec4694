package dev.greentrain.infobatch;

import dev.greentrain.pruning.VisitBudget;

/**
 * The budgets InfoBatch's rules can reach: epoch 0 (nothing is scored yet) and the annealing epochs
 * train every sample, and a pruning epoch trains every sample at or above the mean score plus at
 * least 10% of those below it ({@code r <= 0.9}).
 */
final class BudgetReach {

    private BudgetReach() {}

    /**
     * Returns the lowest budget reachable even on the most favourable scores, all but one sample
     * below the mean in every pruning epoch: {@code (F + Q (1 - 0.9 (N - 1) / N)) / E}, with {@code
     * Q = max(0, floor(delta E) - 1)} pruning epochs after epoch 0 and {@code F = E - Q} full ones.
     *
     * @param datasetSize N
     * @param epochs E
     * @param delta the annealing fraction
     * @return the lowest reachable B
     */
    static double lowest(int datasetSize, int epochs, double delta) {
        return reachable(datasetSize, epochs, delta, (datasetSize - 1.0) / datasetSize);
    }

    /**
     * Returns the lowest budget reachable when a given share of the samples is below the mean in
     * every pruning epoch.
     *
     * @param datasetSize N
     * @param epochs E
     * @param delta the annealing fraction
     * @param belowMean the share w of samples below the mean score
     * @return {@code (F + Q (1 - 0.9 w)) / E}
     */
    static double reachable(int datasetSize, int epochs, double delta, double belowMean) {
        int pruning = prunableEpochs(epochs, delta);
        double full = epochs - pruning;
        return (full + pruning * (1 - InfoBatch.MAX_PRUNE_RATIO * belowMean)) / epochs;
    }

    private static int prunableEpochs(int epochs, double delta) {
        return Math.max(0, InfoBatch.pruningEpochs(delta, epochs) - 1);
    }

    /**
     * Refuses a budget outside (0, 1), one below the lowest reachable or one given together with a
     * fixed prune ratio.
     *
     * @throws IllegalArgumentException naming the value, the reachable range and the fix
     */
    static void check(
            double budget, boolean pruneRatioSet, int datasetSize, int epochs, double delta) {
        VisitBudget.of(budget, datasetSize, epochs);
        if (pruneRatioSet) {
            throw new IllegalArgumentException(
                    "InfoBatch got both a budget B = "
                            + budget
                            + " and a prune ratio: budget mode chooses r before every epoch;"
                            + " call optBudget(B) or optPruneRatio(r), not both.");
        }
        double lowest = lowest(datasetSize, epochs, delta);
        if (budget < lowest) {
            int pruning = prunableEpochs(epochs, delta);
            throw new IllegalArgumentException(
                    "Budget B = "
                            + budget
                            + " is unreachable for InfoBatch with N = "
                            + datasetSize
                            + " samples, E = "
                            + epochs
                            + " epochs and delta = "
                            + delta
                            + ": epoch 0 and the "
                            + (epochs - InfoBatch.pruningEpochs(delta, epochs))
                            + " annealing epochs train every sample and each of the other "
                            + pruning
                            + " epochs trains the samples at or above the mean loss plus at least"
                            + " 10% of those below it, so the run spends at least "
                            + VisitBudget.format(lowest)
                            + " even if all but one sample were below the mean (about "
                            + VisitBudget.format(reachable(datasetSize, epochs, delta, 0.7))
                            + " when 70% are). Reachable: ["
                            + VisitBudget.format(lowest)
                            + ", 1) at best. Raise the budget, or train more epochs or a larger"
                            + " delta so that more epochs prune.");
        }
    }
}
