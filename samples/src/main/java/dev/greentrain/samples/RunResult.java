package dev.greentrain.samples;

import dev.greentrain.listeners.energy.EnergyReport;

/**
 * What one training run measured.
 *
 * @param variant the variant trained ("baseline" for full data, or "infobatch")
 * @param epochs the number of epochs
 * @param testAccuracy the accuracy on the test set after the last epoch, from 0 to 1
 * @param samplesForwarded the training samples forwarded over all epochs
 * @param fullDataSamples the samples a full-data run forwards in the same epochs
 * @param trainSeconds the wall-clock time of the training loop
 * @param energy the energy used and saved (estimate) during training
 */
public record RunResult(
        String variant,
        int epochs,
        double testAccuracy,
        long samplesForwarded,
        long fullDataSamples,
        double trainSeconds,
        EnergyReport energy) {

    /**
     * Returns the forward passes this run saved against full data.
     *
     * @return the samples not forwarded
     */
    public long forwardPassesSaved() {
        return fullDataSamples - samplesForwarded;
    }

    /**
     * Returns the fraction of forward passes saved against full data.
     *
     * @return saved divided by full-data samples
     */
    public double forwardPassesSavedFraction() {
        return (double) forwardPassesSaved() / fullDataSamples;
    }

    /**
     * Returns the result as the lines the sample prints.
     *
     * @return a human-readable summary
     */
    public String describe() {
        return String.format(
                "%s: test accuracy %.2f%%, samples forwarded %,d of %,d, forward passes saved %,d"
                        + " (%.1f%%), wall time %.1f s%n%s",
                variant,
                100 * testAccuracy,
                samplesForwarded,
                fullDataSamples,
                forwardPassesSaved(),
                100 * forwardPassesSavedFraction(),
                trainSeconds,
                energy.describe());
    }
}
