package dev.greentrain.pruning;

import java.util.List;
import java.util.Locale;

/**
 * A run's budget of sample visits: the fraction {@code B} of the {@code N x E} visits of full-data
 * training that a policy may spend over the whole run (epoch 0 and any full-data epochs included),
 * and the per-epoch target that re-plans from what was actually trained so far.
 */
public final class VisitBudget {

    private final double fraction;
    private final int datasetSize;
    private final int epochs;

    private VisitBudget(double fraction, int datasetSize, int epochs) {
        this.fraction = fraction;
        this.datasetSize = datasetSize;
        this.epochs = epochs;
    }

    /**
     * Creates a budget, refusing a fraction outside (0, 1).
     *
     * @param fraction B, the fraction of full-data sample visits, in (0, 1)
     * @param datasetSize N, at least 1
     * @param epochs E, at least 1
     * @return the budget
     * @throws IllegalArgumentException naming the value, the range and the fix
     */
    public static VisitBudget of(double fraction, int datasetSize, int epochs) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "Budget B = "
                            + fraction
                            + " is invalid: it must be in (0, 1), the fraction of full-data"
                            + " sample visits the whole run may spend (e.g. 0.5 saves half of"
                            + " them); train without a pruning policy for full data.");
        }
        return new VisitBudget(fraction, datasetSize, epochs);
    }

    /**
     * Returns B.
     *
     * @return the fraction of full-data sample visits
     */
    public double fraction() {
        return fraction;
    }

    /**
     * Returns the visits the whole run may spend: {@code B x N x E}, not rounded.
     *
     * @return the target number of sample visits
     */
    public double totalVisits() {
        return fraction * datasetSize * (double) epochs;
    }

    /**
     * Returns the visits of the planned epochs: the samples each completed epoch actually trained
     * and the planned samples of an epoch in progress.
     *
     * @param stats the policy's epoch statistics, oldest first
     * @return the sum of their {@code samplesInEpoch}
     */
    public static long visitsSoFar(List<EpochStats> stats) {
        long visits = 0;
        for (EpochStats epoch : stats) {
            visits += epoch.samplesInEpoch();
        }
        return visits;
    }

    /**
     * Returns the visits each of the remaining epochs should spend so that the run ends on the
     * budget: {@code (B N E - visitsSoFar - reserved) / remainingEpochs}.
     *
     * @param visitsSoFar the visits of the epochs already planned
     * @param reserved visits already promised to later epochs outside the share (e.g. full-data
     *     annealing epochs)
     * @param remainingEpochs the epochs sharing the rest, at least 1
     * @return the target of one of them, possibly negative or above {@code N} when the budget has
     *     been overspent or underspent beyond repair
     */
    public double perEpochTarget(long visitsSoFar, double reserved, int remainingEpochs) {
        return (totalVisits() - visitsSoFar - reserved) / Math.max(1, remainingEpochs);
    }

    /**
     * Returns the fraction of full-data visits some epochs spent.
     *
     * @param stats the epochs' statistics
     * @param datasetSize N
     * @param epochs E, the run's epoch count
     * @return their visits divided by {@code N x E}
     */
    public static double achieved(List<EpochStats> stats, int datasetSize, int epochs) {
        return visitsSoFar(stats) / ((double) datasetSize * epochs);
    }

    /**
     * Formats a fraction for messages, to four decimals.
     *
     * @param fraction a fraction
     * @return e.g. {@code 0.3125}
     */
    public static String format(double fraction) {
        return String.format(Locale.ROOT, "%.4f", fraction);
    }
}
