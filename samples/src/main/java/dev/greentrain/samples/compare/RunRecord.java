package dev.greentrain.samples.compare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.greentrain.listeners.energy.CarbonIntensity;
import java.util.List;

/**
 * Everything one run of a comparison measured: the unit that is saved, resumed and reported.
 *
 * @param variant the variant's name
 * @param seed the seed of the model initialisation, data order and sampler
 * @param settings the settings shared by the comparison
 * @param testAccuracy the test accuracy after the last epoch, from 0 to 1
 * @param bestAccuracy the best test accuracy after any epoch
 * @param trainSeconds the wall time of training, per-epoch evaluation excluded
 * @param samplesForwarded the training samples forwarded over all epochs
 * @param samplerForwardPasses the forward passes the sampler spent on its own work
 * @param fullDataSamples the samples a full-data run forwards in the same epochs
 * @param energyJoules the energy used by the run (evaluation included)
 * @param co2Grams the CO2-equivalent of that energy
 * @param energySavedJoules the energy saved against full data, as estimated by the run
 * @param co2SavedGrams the CO2-equivalent of the saved energy
 * @param carbon the carbon intensity and PUE both CO2 figures were computed with
 * @param energyMethod how the energy was measured, e.g. {@code cpu:rapl}
 * @param epochs the learning curve, one point per epoch
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(
        String variant,
        long seed,
        ComparisonSettings settings,
        double testAccuracy,
        double bestAccuracy,
        double trainSeconds,
        long samplesForwarded,
        long samplerForwardPasses,
        long fullDataSamples,
        double energyJoules,
        double co2Grams,
        double energySavedJoules,
        double co2SavedGrams,
        CarbonIntensity carbon,
        String energyMethod,
        List<EpochPoint> epochs) {

    /**
     * Returns this run with its CO2 figures recomputed from its stored energy under another carbon
     * intensity or PUE, so that every run of one report uses the same ones.
     *
     * @param other the carbon intensity and PUE to use
     * @return this run when {@code other} is the one it was computed with, else a recomputed copy
     */
    public RunRecord withCarbon(CarbonIntensity other) {
        if (other.equals(carbon)) {
            return this;
        }
        return new RunRecord(
                variant,
                seed,
                settings,
                testAccuracy,
                bestAccuracy,
                trainSeconds,
                samplesForwarded,
                samplerForwardPasses,
                fullDataSamples,
                energyJoules,
                other.grams(energyJoules),
                energySavedJoules,
                other.grams(energySavedJoules),
                other,
                energyMethod,
                epochs);
    }

    /**
     * Returns the forward passes the run saved against full data, net of the sampler's own.
     *
     * @return full-data samples minus samples forwarded minus sampler forward passes
     */
    public long forwardPassesSaved() {
        return fullDataSamples - samplesForwarded - samplerForwardPasses;
    }

    /**
     * Returns {@link #forwardPassesSaved()} as a fraction of the full-data samples.
     *
     * @return the fraction saved, negative when the run cost more than full data
     */
    public double forwardPassesSavedFraction() {
        return (double) forwardPassesSaved() / fullDataSamples;
    }
}
