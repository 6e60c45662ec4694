package dev.greentrain.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One variant against a reference over the seeds both ran, paired by seed: forward passes, wall
 * time and energy saved, and the deciding metric's improvement, each with its 95% interval, judged
 * against the metric's non-inferiority margin.
 *
 * @param variant the variant judged
 * @param reference the reference (the baseline, or a peer at the same budget)
 * @param metric the deciding metric, with its margin
 * @param seeds the number of seeds both ran
 * @param forwardPassesSaved the fraction of the reference's forward passes saved, net of the
 *     method's own passes
 * @param wallTimeSaved the fraction of the reference's training and method wall time saved
 * @param energySaved the fraction of the reference's training and method energy saved
 * @param improvement the metric's improvement over the reference (pp for accuracy, % for a loss)
 * @param energyMeasured whether the energy came from sensors on every run (else it is modelled)
 */
public record Verdict(
        Variant variant,
        Variant reference,
        DecidingMetric metric,
        int seeds,
        MeanInterval forwardPassesSaved,
        MeanInterval wallTimeSaved,
        MeanInterval energySaved,
        MeanInterval improvement,
        boolean energyMeasured) {

    /**
     * Compares a variant with a reference, pairing their runs by seed.
     *
     * @param runs all runs of the comparison
     * @param variant the variant
     * @param reference the reference
     * @param metric the deciding metric
     * @return the verdict, or {@code null} if no seed has both runs
     */
    public static Verdict of(
            List<RunRecord> runs, Variant variant, Variant reference, DecidingMetric metric) {
        Map<Long, RunRecord> ours = bySeed(runs, variant);
        Map<Long, RunRecord> theirs = bySeed(runs, reference);
        List<double[]> pairs = new ArrayList<>();
        boolean measured = true;
        for (Map.Entry<Long, RunRecord> entry : ours.entrySet()) {
            RunRecord other = theirs.get(entry.getKey());
            if (other != null) {
                RunRecord run = entry.getValue();
                measured &= run.energyMeasured() && other.energyMeasured();
                pairs.add(
                        new double[] {
                            1
                                    - (double) (run.trainSamples() + run.methodPasses())
                                            / (other.trainSamples() + other.methodPasses()),
                            1 - run.costSeconds() / other.costSeconds(),
                            1 - run.costJoules() / other.costJoules(),
                            metric.improvement(run.finalMetric(), other.finalMetric())
                        });
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        return new Verdict(
                variant,
                reference,
                metric,
                pairs.size(),
                column(pairs, 0),
                column(pairs, 1),
                column(pairs, 2),
                column(pairs, 3),
                measured);
    }

    private static Map<Long, RunRecord> bySeed(List<RunRecord> runs, Variant variant) {
        Map<Long, RunRecord> bySeed = new TreeMap<>();
        for (RunRecord run : runs) {
            if (run.variant().equals(variant.name())) {
                bySeed.put(run.seed(), run);
            }
        }
        return bySeed;
    }

    private static MeanInterval column(List<double[]> pairs, int column) {
        return MeanInterval.of(pairs.stream().mapToDouble(p -> p[column]).toArray());
    }

    /**
     * Returns what the metric's interval says against the margin.
     *
     * @return superior, non-inferior, inferior or inconclusive
     */
    public NonInferiority.Outcome outcome() {
        return metric.margin().judge(improvement);
    }

    /**
     * Returns the metric's difference as text, e.g. {@code -0.10 pp (95% CI -0.30..+0.10)}.
     *
     * @return the difference with its interval, or a note that one seed gives no interval
     */
    public String improvementText() {
        String unit = metric.differenceUnit();
        MeanInterval d = improvement;
        if (!d.hasInterval()) {
            return String.format(Locale.ROOT, "%+.2f %s (no interval from 1 seed)", d.mean(), unit);
        }
        return String.format(
                Locale.ROOT, "%+.2f %s (95%% CI %+.2f..%+.2f)", d.mean(), unit, d.low(), d.high());
    }

    /**
     * Returns a saved fraction as text, e.g. {@code 32.2% (95% CI 28.1..36.3%)}.
     *
     * @param saved the saved fraction with its interval
     * @return the percentage, with its interval where there is one
     */
    public static String percentText(MeanInterval saved) {
        if (!saved.hasInterval()) {
            return String.format(Locale.ROOT, "%.1f%%", 100 * saved.mean());
        }
        return String.format(
                Locale.ROOT,
                "%.1f%% (95%% CI %.1f..%.1f%%)",
                100 * saved.mean(),
                100 * saved.low(),
                100 * saved.high());
    }

    /**
     * Returns the energy's label: measured only where a sensor measured every run.
     *
     * @return {@code measured} or {@code modelled}
     */
    public String energyKind() {
        return energyMeasured ? "measured" : "modelled";
    }

    /**
     * Returns the verdict as one plain sentence against the baseline.
     *
     * @return e.g. "InfoBatch saved 35.1% of forward passes, 32.2% (95% CI ...) of wall time and
     *     ...; accuracy -0.10 pp (95% CI ...) over 3 seeds: non-inferior at a margin of 0.3 pp."
     */
    public String sentence() {
        return String.format(
                Locale.ROOT,
                "%s saved %.1f%% of forward passes (net of its own), %s of wall time and %s of"
                        + " energy (%s); %s %s over %d seed%s: %s at %s.",
                variant.label(),
                100 * forwardPassesSaved.mean(),
                percentText(wallTimeSaved),
                percentText(energySaved),
                energyKind(),
                metric.name(),
                improvementText(),
                seeds,
                seeds == 1 ? "" : "s",
                outcome().word(),
                metric.margin().describe(metric.differenceUnit()));
    }

    /**
     * Answers "should I turn this on?" in one sentence, with the evidence behind it.
     *
     * @return the recommendation
     */
    public String recommendation() {
        String label = variant.label();
        String margin = metric.margin().describe(metric.differenceUnit());
        if (!improvement.hasInterval()) {
            return String.format(
                    Locale.ROOT,
                    "Not decided for %s: one seed gives no interval (%s %s); run at least 3"
                            + " seeds.",
                    label,
                    metric.name(),
                    improvementText());
        }
        return switch (outcome()) {
            case INFERIOR ->
                    String.format(
                            Locale.ROOT,
                            "Don't turn on %s: its %s is worse than the baseline's by more than %s"
                                    + " (%s).",
                            label,
                            metric.name(),
                            margin,
                            improvementText());
            case INCONCLUSIVE ->
                    String.format(
                            Locale.ROOT,
                            "Not decided for %s: its %s difference %s straddles %s over %d seeds;"
                                    + " run more seeds.",
                            label,
                            metric.name(),
                            improvementText(),
                            margin,
                            seeds);
            default ->
                    wallTimeSaved.low() > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "Turn on %s: %s at %s (%s %s over %d seeds), and it saved %s of"
                                            + " wall time and %s of energy (%s).",
                                    label,
                                    outcome().word(),
                                    margin,
                                    metric.name(),
                                    improvementText(),
                                    seeds,
                                    percentText(wallTimeSaved),
                                    percentText(energySaved),
                                    energyKind())
                            : String.format(
                                    Locale.ROOT,
                                    "Little to gain from %s: %s at %s (%s %s), but its wall-time"
                                            + " saving %s is not significant over %d seeds.",
                                    label,
                                    outcome().word(),
                                    margin,
                                    metric.name(),
                                    improvementText(),
                                    percentText(wallTimeSaved),
                                    seeds);
        };
    }

    /**
     * Returns what the metric's interval says without a margin: better, worse, or no significant
     * difference (for peers at the same budget).
     *
     * @return a short judgement
     */
    public String peerJudgement() {
        if (!improvement.hasInterval()) {
            return "undecided (1 seed)";
        }
        if (improvement.low() > 0) {
            return "better";
        }
        if (improvement.high() < 0) {
            return "worse";
        }
        return "no significant difference";
    }

    /**
     * Returns the verdict as one plain sentence against a peer at the same budget.
     *
     * @return e.g. "InfoBatch vs Random pruning: accuracy +0.20 pp (95% CI ...) over 3 seeds."
     */
    public String peerSentence() {
        return String.format(
                Locale.ROOT,
                "%s vs %s: %s %s over %d seed%s (%s).",
                variant.label(),
                reference.label(),
                metric.name(),
                improvementText(),
                seeds,
                seeds == 1 ? "" : "s",
                peerJudgement());
    }
}
