package dev.greentrain.compare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.greentrain.listeners.energy.CarbonIntensity;
import java.util.List;
import java.util.Map;

/**
 * Everything one arm of one seed measured: the unit that is saved, resumed and reported. Totals are
 * sums over its epochs, so the file cannot contradict itself.
 *
 * @param variant the variant's name
 * @param parameters the variant's settings, by flag
 * @param seed the seed of the initialisation, data order and sampler
 * @param settings the settings shared by the comparison
 * @param energySavedEstimateJoules the energy saved against full data, as the run estimated it
 * @param energyMethod how the energy was obtained, e.g. {@code cpu:cpu-model,ram:ram-model}
 * @param energyMeasured whether every energy source was a sensor (RAPL, NVML), not a model
 * @param carbon the carbon intensity and PUE the CO2 figures use
 * @param epochs the epochs, one point each
 * @param measures what the variant measured of its own method, by name (e.g. a static reduction's
 *     {@code epsilon}); empty for most variants (a file saved before this field existed is refused,
 *     like any file with a missing field: delete it to train that run again)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(
        String variant,
        Map<String, String> parameters,
        long seed,
        ComparisonSettings settings,
        double energySavedEstimateJoules,
        String energyMethod,
        boolean energyMeasured,
        CarbonIntensity carbon,
        List<EpochPoint> epochs,
        Map<String, Double> measures) {

    /** Copies the collections. */
    public RunRecord {
        parameters = Map.copyOf(parameters);
        epochs = List.copyOf(epochs);
        measures = Map.copyOf(measures);
    }

    /**
     * Returns this run with another carbon intensity or PUE, so that every run of one report uses
     * the same ones (CO2 is derived from the stored energy).
     *
     * @param other the carbon intensity and PUE to use
     * @return this run when {@code other} is the one it has, else a copy with {@code other}
     */
    public RunRecord withCarbon(CarbonIntensity other) {
        if (other.equals(carbon)) {
            return this;
        }
        return new RunRecord(
                variant,
                parameters,
                seed,
                settings,
                energySavedEstimateJoules,
                energyMethod,
                energyMeasured,
                other,
                epochs,
                measures);
    }

    /**
     * Returns the deciding metric after the last epoch.
     *
     * @return the final value
     */
    public double finalMetric() {
        return epochs.get(epochs.size() - 1).metric();
    }

    /**
     * Returns the best deciding metric after any epoch.
     *
     * @return the highest value, or the lowest for a loss
     */
    public double bestMetric() {
        return epochs.stream()
                .mapToDouble(EpochPoint::metric)
                .reduce((a, b) -> settings.higherIsBetter() ? Math.max(a, b) : Math.min(a, b))
                .orElseThrow();
    }

    /**
     * Returns the training samples forwarded over all epochs.
     *
     * @return the sum over epochs
     */
    public long trainSamples() {
        return epochs.stream().mapToLong(EpochPoint::trainSamples).sum();
    }

    /**
     * Returns the method's own forward passes over all epochs.
     *
     * @return the sum over epochs
     */
    public long methodPasses() {
        return epochs.stream().mapToLong(EpochPoint::methodPasses).sum();
    }

    /**
     * Returns the evaluation forward passes over all epochs.
     *
     * @return the sum over epochs
     */
    public long evaluationSamples() {
        return epochs.stream().mapToLong(EpochPoint::evaluationSamples).sum();
    }

    /**
     * Returns the training samples a full-data run forwards in the same epochs.
     *
     * @return training samples x epochs
     */
    public long fullDataSamples() {
        return (long) settings.trainSamples() * settings.epochs();
    }

    /**
     * Returns the fraction of full-data training passes the arm spent, its method's own passes
     * included.
     *
     * @return (training samples + method passes) / full-data samples
     */
    public double budgetUsed() {
        return (double) (trainSamples() + methodPasses()) / fullDataSamples();
    }

    /**
     * Returns the forward passes saved against full data, net of the method's own.
     *
     * @return full-data samples minus training samples minus method passes
     */
    public long forwardPassesSaved() {
        return fullDataSamples() - trainSamples() - methodPasses();
    }

    /**
     * Returns {@link #forwardPassesSaved()} as a fraction of the full-data samples.
     *
     * @return the fraction saved, negative when the arm cost more than full data
     */
    public double forwardPassesSavedFraction() {
        return (double) forwardPassesSaved() / fullDataSamples();
    }

    /**
     * Returns the wall time the method changes: training and the method's own work.
     *
     * @return seconds over all epochs, evaluation excluded
     */
    public double costSeconds() {
        return epochs.stream().mapToDouble(EpochPoint::costSeconds).sum();
    }

    /**
     * Returns the wall time of the evaluations.
     *
     * @return seconds over all epochs
     */
    public double evaluationSeconds() {
        return epochs.stream().mapToDouble(EpochPoint::evaluationSeconds).sum();
    }

    /**
     * Returns the energy of all phases.
     *
     * @return joules over all epochs
     */
    public double energyJoules() {
        return epochs.stream().mapToDouble(EpochPoint::joules).sum();
    }

    /**
     * Returns the energy of the phases the method changes: training and the method's own work.
     *
     * @return joules over all epochs, evaluation excluded
     */
    public double costJoules() {
        return epochs.stream().mapToDouble(p -> p.trainJoules() + p.methodJoules()).sum();
    }

    /**
     * Returns the CO2-equivalent of the run's energy.
     *
     * @return grams
     */
    public double co2Grams() {
        return carbon.grams(energyJoules());
    }
}
