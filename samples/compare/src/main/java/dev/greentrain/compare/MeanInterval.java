package dev.greentrain.compare;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A mean over seeds with its two-sided 95% Student-t confidence interval.
 *
 * @param mean the sample mean
 * @param low the interval's lower end ({@code NaN} with fewer than two values)
 * @param high the interval's upper end ({@code NaN} with fewer than two values)
 * @param count the number of values
 */
public record MeanInterval(double mean, double low, double high, int count) {

    /**
     * Returns the mean of some values and its 95% confidence interval.
     *
     * @param values the values, e.g. one paired difference per seed
     * @return the mean and interval
     * @throws IllegalArgumentException if there are no values
     */
    public static MeanInterval of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("A mean needs at least one value; got none.");
        }
        SummaryStatistics statistics = new SummaryStatistics();
        for (double value : values) {
            statistics.addValue(value);
        }
        double mean = statistics.getMean();
        if (values.length < 2) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, 1);
        }
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(0.975);
        double halfWidth = t * statistics.getStandardDeviation() / Math.sqrt(values.length);
        return new MeanInterval(mean, mean - halfWidth, mean + halfWidth, values.length);
    }

    /**
     * Returns whether there is an interval, i.e. at least two values.
     *
     * @return {@code true} when {@link #low()} and {@link #high()} are numbers
     */
    public boolean hasInterval() {
        return count >= 2;
    }
}
