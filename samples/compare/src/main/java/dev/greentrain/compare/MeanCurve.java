package dev.greentrain.compare;

import java.util.List;

/**
 * A variant's learning curve over its seeds: per epoch (from 0) the mean and the range of the
 * deciding metric, and the mean cost so far.
 *
 * @param variant the variant
 * @param seeds the number of seeds averaged
 * @param epoch the epochs, from 0
 * @param samples the mean training samples per epoch
 * @param methodPasses the mean method passes per epoch
 * @param cumulativeSeconds the mean training and method wall time up to each epoch's end
 * @param cumulativeForwardPasses the mean training and method forward passes up to each epoch
 * @param metric the mean deciding metric, in display units (percent for accuracy)
 * @param metricLow the lowest seed's metric per epoch, in display units
 * @param metricHigh the highest seed's metric per epoch, in display units
 */
public record MeanCurve(
        Variant variant,
        int seeds,
        double[] epoch,
        double[] samples,
        double[] methodPasses,
        double[] cumulativeSeconds,
        double[] cumulativeForwardPasses,
        double[] metric,
        double[] metricLow,
        double[] metricHigh) {

    /**
     * Averages a variant's runs epoch by epoch.
     *
     * @param variant the variant
     * @param runs its runs, at least one, all with the same number of epochs
     * @return the curve
     */
    public static MeanCurve of(Variant variant, List<RunRecord> runs) {
        int epochs = runs.get(0).epochs().size();
        double scale = runs.get(0).settings().higherIsBetter() ? 100 : 1;
        double[] epoch = new double[epochs];
        double[] samples = new double[epochs];
        double[] method = new double[epochs];
        double[] seconds = new double[epochs];
        double[] forwards = new double[epochs];
        double[] metric = new double[epochs];
        double[] low = new double[epochs];
        double[] high = new double[epochs];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (RunRecord run : runs) {
            double time = 0;
            double passes = 0;
            for (int e = 0; e < epochs; e++) {
                EpochPoint point = run.epochs().get(e);
                time += point.costSeconds();
                passes += point.trainSamples() + point.methodPasses();
                samples[e] += point.trainSamples();
                method[e] += point.methodPasses();
                seconds[e] += time;
                forwards[e] += passes;
                double value = scale * point.metric();
                metric[e] += value;
                low[e] = Math.min(low[e], value);
                high[e] = Math.max(high[e], value);
            }
        }
        int n = runs.size();
        for (int e = 0; e < epochs; e++) {
            epoch[e] = e;
            samples[e] /= n;
            method[e] /= n;
            seconds[e] /= n;
            forwards[e] /= n;
            metric[e] /= n;
        }
        return new MeanCurve(
                variant, n, epoch, samples, method, seconds, forwards, metric, low, high);
    }

    /**
     * Returns whether the method spent any forward passes of its own in any epoch.
     *
     * @return {@code true} if some epoch's mean method passes exceed 0
     */
    public boolean hasMethodPasses() {
        return java.util.Arrays.stream(methodPasses).anyMatch(p -> p > 0);
    }
}
