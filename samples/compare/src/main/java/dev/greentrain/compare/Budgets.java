package dev.greentrain.compare;

import java.util.Locale;

/** The rules every budget sampler shares: the range of a budget and its count per epoch. */
final class Budgets {

    private Budgets() {}

    /**
     * Checks a budget.
     *
     * @param budget the fraction of the data trained per epoch
     * @return the budget
     * @throws IllegalArgumentException unless it is in (0, 1]
     */
    static double check(double budget) {
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException(
                    "--budget " + budget + " is invalid: it must be in (0, 1], e.g. 0.65.");
        }
        return budget;
    }

    /**
     * Returns the samples a budget trains per epoch: the budget's share, rounded, at least 1.
     *
     * @param budget the fraction
     * @param datasetSize the training set's size
     * @return the count
     */
    static int samplesPerEpoch(double budget, int datasetSize) {
        return (int) Math.max(1, Math.round(budget * datasetSize));
    }

    /**
     * Returns a budget as a percentage for people.
     *
     * @param budget the fraction
     * @return e.g. {@code 65%}
     */
    static String percent(double budget) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * budget);
    }
}
