package dev.greentrain.compare;

import ai.djl.training.TrainingResult;
import java.util.Locale;

/**
 * The metric that decides a comparison: read from the trainer's validation results after every
 * epoch, either an evaluator where higher is better (accuracy) or the validation loss, where lower
 * is better. Differences against the baseline are taken so that a positive one is an improvement:
 * in percentage points for accuracy, in percent of the baseline's value for a loss.
 *
 * @param name the metric's name in reports, e.g. {@code accuracy}
 * @param evaluator the trainer's evaluator to read, or {@code null} for the validation loss
 * @param higherIsBetter whether a higher value is better
 * @param margin the non-inferiority margin, in the unit of the difference
 */
public record DecidingMetric(
        String name, String evaluator, boolean higherIsBetter, NonInferiority margin) {

    /** The default relative margin of a loss: 2% of the baseline's. */
    public static final double DEFAULT_LOSS_MARGIN_PERCENT = 2;

    /**
     * Returns validation accuracy, read from the evaluator named {@code Accuracy}, with the default
     * margin of 0.3 percentage points.
     *
     * @return the accuracy metric
     */
    public static DecidingMetric accuracy() {
        return new DecidingMetric(
                "accuracy",
                "Accuracy",
                true,
                new NonInferiority(NonInferiority.DEFAULT_ACCURACY_MARGIN_PP));
    }

    /**
     * Returns the validation loss (lower is better) with the default relative margin of 2%.
     *
     * @return the loss metric
     */
    public static DecidingMetric loss() {
        return new DecidingMetric(
                "loss", null, false, new NonInferiority(DEFAULT_LOSS_MARGIN_PERCENT));
    }

    /**
     * Returns this metric with another margin.
     *
     * @param newMargin the margin: percentage points for accuracy, percent of the baseline's value
     *     for a loss; finite and greater than 0
     * @return the metric with that margin
     */
    public DecidingMetric withMargin(double newMargin) {
        return new DecidingMetric(name, evaluator, higherIsBetter, new NonInferiority(newMargin));
    }

    /**
     * Returns a metric read from another evaluator where higher is better, with this margin.
     *
     * @param newName the name in reports, e.g. {@code tail-class accuracy}
     * @param newEvaluator the trainer's evaluator to read
     * @return the metric
     */
    public DecidingMetric withEvaluator(String newName, String newEvaluator) {
        return new DecidingMetric(newName, newEvaluator, true, margin);
    }

    /**
     * Returns the unit of a difference: {@code pp} for accuracy, {@code %} for a loss.
     *
     * @return the unit
     */
    public String differenceUnit() {
        return higherIsBetter ? "pp" : "%";
    }

    /**
     * Reads the metric after an epoch.
     *
     * @param result the trainer's training result, after the epoch's validation
     * @param epoch the epoch, named in the error
     * @return the value
     * @throws IllegalStateException when the trainer computed no such validation figure
     */
    public double read(TrainingResult result, int epoch) {
        Float value =
                evaluator == null
                        ? result.getValidateLoss()
                        : result.getValidateEvaluation(evaluator);
        if (value == null) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "No validation %s after epoch %d: give the workload an evaluation"
                                    + " dataset%s.",
                            evaluator == null ? "loss" : "evaluator named " + evaluator,
                            epoch,
                            evaluator == null ? "" : " and add that evaluator to its config"));
        }
        // the float's decimal value, not its binary expansion (0.7968, not 0.79680001)
        return Double.parseDouble(value.toString());
    }

    /**
     * Returns the improvement of an arm's value over the baseline's, positive when better.
     *
     * @param arm the arm's value
     * @param baseline the baseline's value
     * @return percentage points (higher is better) or percent of the baseline's value (a loss)
     */
    public double improvement(double arm, double baseline) {
        return higherIsBetter ? 100 * (arm - baseline) : 100 * (baseline - arm) / baseline;
    }

    /**
     * Returns the better of two values.
     *
     * @param a a value
     * @param b another value
     * @return the higher, or for a loss the lower
     */
    public double better(double a, double b) {
        return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
    }

    /**
     * Formats a value for people: a percentage for accuracy, four significant digits otherwise.
     *
     * @param value the value
     * @return e.g. {@code 91.75%} or {@code 0.01234}
     */
    public String format(double value) {
        return higherIsBetter
                ? String.format(Locale.ROOT, "%.2f%%", 100 * value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
