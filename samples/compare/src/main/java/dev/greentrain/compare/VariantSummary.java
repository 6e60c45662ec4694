package dev.greentrain.compare;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One variant's figures, each the mean over its seeds.
 *
 * @param variant the variant
 * @param seeds the number of seeds
 * @param finalMetric the deciding metric after the last epoch
 * @param bestMetric the best deciding metric after any epoch
 * @param costSeconds the wall time of training and the method's own work
 * @param evaluationSeconds the wall time of the evaluations
 * @param trainSamples the training samples forwarded (and backward passes)
 * @param methodPasses the method's own forward passes
 * @param evaluationSamples the evaluation forward passes
 * @param budgetUsed the fraction of full-data training passes spent, the method's own included
 * @param forwardPassesSaved the fraction of full-data forward passes saved, net of the method's
 * @param energyJoules the energy of all phases
 * @param trainJoules the energy of the train phase
 * @param evaluationJoules the energy of the evaluation phase
 * @param methodJoules the energy of the method phase
 * @param co2Grams the CO2e of all phases
 * @param energySavedEstimateJoules the energy saved as each run estimated it
 */
public record VariantSummary(
        Variant variant,
        int seeds,
        double finalMetric,
        double bestMetric,
        double costSeconds,
        double evaluationSeconds,
        double trainSamples,
        double methodPasses,
        double evaluationSamples,
        double budgetUsed,
        double forwardPassesSaved,
        double energyJoules,
        double trainJoules,
        double evaluationJoules,
        double methodJoules,
        double co2Grams,
        double energySavedEstimateJoules) {

    /**
     * Averages a variant's runs.
     *
     * @param variant the variant
     * @param runs its runs, at least one
     * @return the means
     */
    public static VariantSummary of(Variant variant, List<RunRecord> runs) {
        return new VariantSummary(
                variant,
                runs.size(),
                mean(runs, RunRecord::finalMetric),
                mean(runs, RunRecord::bestMetric),
                mean(runs, RunRecord::costSeconds),
                mean(runs, RunRecord::evaluationSeconds),
                mean(runs, RunRecord::trainSamples),
                mean(runs, RunRecord::methodPasses),
                mean(runs, RunRecord::evaluationSamples),
                mean(runs, RunRecord::budgetUsed),
                mean(runs, RunRecord::forwardPassesSavedFraction),
                mean(runs, RunRecord::energyJoules),
                mean(runs, r -> sum(r, EpochPoint::trainJoules)),
                mean(runs, r -> sum(r, EpochPoint::evaluationJoules)),
                mean(runs, r -> sum(r, EpochPoint::methodJoules)),
                mean(runs, RunRecord::co2Grams),
                mean(runs, RunRecord::energySavedEstimateJoules));
    }

    /**
     * Returns the CO2e of the energy saved as the runs estimated it, at the carbon intensity of the
     * energy they used.
     *
     * @return grams, 0 when no energy was used
     */
    public double co2SavedEstimateGrams() {
        return energyJoules > 0 ? co2Grams * energySavedEstimateJoules / energyJoules : 0;
    }

    private static double sum(RunRecord run, ToDoubleFunction<EpochPoint> value) {
        return run.epochs().stream().mapToDouble(value).sum();
    }

    private static double mean(List<RunRecord> runs, ToDoubleFunction<RunRecord> value) {
        return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
