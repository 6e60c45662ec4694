package dev.greentrain.samples.compare;

import java.util.List;

/**
 * A variant's learning curve averaged over its seeds, epoch by epoch, with cumulative time and
 * forward passes.
 *
 * @param variant the variant's name
 * @param seeds the number of seeds averaged
 * @param epoch the epoch numbers, from 1
 * @param samples the mean samples forwarded per epoch
 * @param cumulativeSeconds the mean training wall time up to the end of each epoch
 * @param cumulativeForwardPasses the mean forward passes (sampler's included) up to each epoch's
 *     end
 * @param testAccuracy the mean test accuracy after each epoch, in percent
 */
public record MeanCurve(
        String variant,
        int seeds,
        double[] epoch,
        double[] samples,
        double[] cumulativeSeconds,
        double[] cumulativeForwardPasses,
        double[] testAccuracy) {

    /**
     * Averages the curves of a variant's runs, which must have the same number of epochs.
     *
     * @param variant the variant's name
     * @param runs the variant's runs, one per seed, at least one
     * @return the mean curve
     */
    public static MeanCurve of(String variant, List<RunRecord> runs) {
        int epochs = runs.get(0).epochs().size();
        double[] epoch = new double[epochs];
        double[] samples = new double[epochs];
        double[] seconds = new double[epochs];
        double[] forwards = new double[epochs];
        double[] accuracy = new double[epochs];
        for (RunRecord run : runs) {
            double time = 0;
            double passes = 0;
            for (int e = 0; e < epochs; e++) {
                EpochPoint point = run.epochs().get(e);
                time += point.seconds();
                passes += point.samples() + point.samplerForwardPasses();
                samples[e] += point.samples();
                seconds[e] += time;
                forwards[e] += passes;
                accuracy[e] += 100 * point.testAccuracy();
            }
        }
        for (int e = 0; e < epochs; e++) {
            epoch[e] = e + 1;
            samples[e] /= runs.size();
            seconds[e] /= runs.size();
            forwards[e] /= runs.size();
            accuracy[e] /= runs.size();
        }
        return new MeanCurve(variant, runs.size(), epoch, samples, seconds, forwards, accuracy);
    }
}
