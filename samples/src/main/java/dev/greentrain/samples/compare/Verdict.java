package dev.greentrain.samples.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One variant against a reference variant over the seeds both ran: compute and wall time saved, and
 * the accuracy difference with its 95% interval.
 *
 * @param variant the variant's name
 * @param reference the reference variant's name (e.g. {@code baseline})
 * @param seeds the number of seeds both ran
 * @param forwardPassesSaved the mean fraction of the reference's forward passes the variant saved,
 *     net of its sampler's own passes
 * @param wallTimeSaved the mean fraction of the reference's training wall time the variant saved
 * @param energySaved the mean fraction of the reference's measured energy the variant saved
 * @param accuracyDifference the variant's accuracy minus the reference's, in percentage points
 * @param margin the non-inferiority margin the accuracy difference is judged against
 */
public record Verdict(
        String variant,
        String reference,
        int seeds,
        double forwardPassesSaved,
        double wallTimeSaved,
        double energySaved,
        MeanInterval accuracyDifference,
        NonInferiority margin) {

    /**
     * Compares a variant with a reference, pairing their runs by seed.
     *
     * @param runs all runs of the comparison
     * @param variant the variant's name
     * @param reference the reference's name
     * @param margin the non-inferiority margin in percentage points of accuracy
     * @return the verdict, or {@code null} if no seed has both runs
     */
    public static Verdict of(
            List<RunRecord> runs, String variant, String reference, NonInferiority margin) {
        Map<Long, RunRecord> ours = bySeed(runs, variant);
        Map<Long, RunRecord> theirs = bySeed(runs, reference);
        List<double[]> pairs = new ArrayList<>();
        for (Map.Entry<Long, RunRecord> entry : ours.entrySet()) {
            RunRecord other = theirs.get(entry.getKey());
            if (other != null) {
                RunRecord run = entry.getValue();
                pairs.add(
                        new double[] {
                            1
                                    - (double) (run.samplesForwarded() + run.samplerForwardPasses())
                                            / (other.samplesForwarded()
                                                    + other.samplerForwardPasses()),
                            1 - run.trainSeconds() / other.trainSeconds(),
                            1 - run.energyJoules() / other.energyJoules(),
                            100 * (run.testAccuracy() - other.testAccuracy())
                        });
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        return new Verdict(
                variant,
                reference,
                pairs.size(),
                mean(pairs, 0),
                mean(pairs, 1),
                mean(pairs, 2),
                MeanInterval.of(pairs.stream().mapToDouble(p -> p[3]).toArray()),
                margin);
    }

    private static Map<Long, RunRecord> bySeed(List<RunRecord> runs, String variant) {
        Map<Long, RunRecord> bySeed = new TreeMap<>();
        for (RunRecord run : runs) {
            if (run.variant().equals(variant)) {
                bySeed.put(run.seed(), run);
            }
        }
        return bySeed;
    }

    private static double mean(List<double[]> pairs, int column) {
        return pairs.stream().mapToDouble(p -> p[column]).average().orElse(Double.NaN);
    }

    /**
     * Returns the accuracy difference as text, e.g. {@code -0.10 pp (95% CI -0.30..+0.10)}.
     *
     * @return the difference with its interval, or a note that one seed gives no interval
     */
    public String accuracyText() {
        MeanInterval d = accuracyDifference;
        if (!d.hasInterval()) {
            return String.format(Locale.ROOT, "%+.2f pp (no interval from 1 seed)", d.mean());
        }
        return String.format(
                Locale.ROOT, "%+.2f pp (95%% CI %+.2f..%+.2f)", d.mean(), d.low(), d.high());
    }

    /**
     * Returns what the interval says: better, worse, or no significant difference.
     *
     * @return a short judgement of the accuracy difference
     */
    public String accuracyJudgement() {
        MeanInterval d = accuracyDifference;
        if (!d.hasInterval()) {
            return "undecided (1 seed)";
        }
        if (d.low() > 0) {
            return "better";
        }
        if (d.high() < 0) {
            return "worse";
        }
        return "no significant difference";
    }

    /**
     * Returns what the accuracy interval says against the non-inferiority margin.
     *
     * @return superior, non-inferior, inferior or inconclusive
     */
    @JsonProperty("outcome")
    public NonInferiority.Outcome outcome() {
        return margin.judge(accuracyDifference);
    }

    /**
     * Returns the verdict as one plain sentence against the baseline.
     *
     * @return e.g. "InfoBatch saved 38.0% of forward passes and 33.0% of wall time; accuracy -0.10
     *     pp (95% CI -0.30..+0.10) over 3 seeds: non-inferior at a margin of 0.3 pp."
     */
    public String sentence() {
        return String.format(
                Locale.ROOT,
                "%s saved %.1f%% of forward passes and %.1f%% of wall time; accuracy %s over %d"
                        + " seed%s: %s at %s.",
                Variants.get(variant).label(),
                100 * forwardPassesSaved,
                100 * wallTimeSaved,
                accuracyText(),
                seeds,
                seeds == 1 ? "" : "s",
                outcome().word(),
                margin.describe("pp"));
    }

    /**
     * Returns the verdict as one plain sentence against a peer at the same budget.
     *
     * @return e.g. "InfoBatch vs Random pruning: accuracy +0.20 pp (95% CI ...) over 3 seeds."
     */
    public String peerSentence() {
        return String.format(
                Locale.ROOT,
                "%s vs %s: accuracy %s over %d seed%s (%s).",
                Variants.get(variant).label(),
                Variants.get(reference).label(),
                accuracyText(),
                seeds,
                seeds == 1 ? "" : "s",
                accuracyJudgement());
    }
}
