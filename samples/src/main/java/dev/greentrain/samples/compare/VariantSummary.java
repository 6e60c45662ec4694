package dev.greentrain.samples.compare;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A variant's results averaged over its seeds.
 *
 * @param variant the variant's name
 * @param seeds the number of seeds
 * @param testAccuracy the mean final test accuracy, from 0 to 1
 * @param bestAccuracy the mean best test accuracy, from 0 to 1
 * @param trainSeconds the mean training wall time
 * @param samplesForwarded the mean samples forwarded
 * @param samplerForwardPasses the mean forward passes of the sampler's own work
 * @param forwardPassesSaved the mean fraction of full-data forward passes saved, net of the
 *     sampler's
 * @param energyJoules the mean energy used
 * @param co2Grams the mean CO2e of that energy
 * @param energySavedJoules the mean energy saved, as estimated by each run
 * @param co2SavedGrams the mean CO2e saved, as estimated by each run
 */
public record VariantSummary(
        String variant,
        int seeds,
        double testAccuracy,
        double bestAccuracy,
        double trainSeconds,
        double samplesForwarded,
        double samplerForwardPasses,
        double forwardPassesSaved,
        double energyJoules,
        double co2Grams,
        double energySavedJoules,
        double co2SavedGrams) {

    /**
     * Averages a variant's runs.
     *
     * @param variant the variant's name
     * @param runs its runs, at least one
     * @return the summary
     */
    public static VariantSummary of(String variant, List<RunRecord> runs) {
        return new VariantSummary(
                variant,
                runs.size(),
                mean(runs, RunRecord::testAccuracy),
                mean(runs, RunRecord::bestAccuracy),
                mean(runs, RunRecord::trainSeconds),
                mean(runs, RunRecord::samplesForwarded),
                mean(runs, RunRecord::samplerForwardPasses),
                mean(runs, RunRecord::forwardPassesSavedFraction),
                mean(runs, RunRecord::energyJoules),
                mean(runs, RunRecord::co2Grams),
                mean(runs, RunRecord::energySavedJoules),
                mean(runs, RunRecord::co2SavedGrams));
    }

    private static double mean(List<RunRecord> runs, ToDoubleFunction<RunRecord> value) {
        return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
