package dev.greentrain.losssampling;

import dev.greentrain.pruning.ScoredPolicy;
import dev.greentrain.pruning.ScoredPolicyBuilder;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.pruning.state.ScoredState;
import dev.greentrain.pruning.state.ScoredStateFormat;
import java.util.List;

/**
 * Loss-proportional sampling, GreenTrain's own policy: every epoch trains exactly k samples, each
 * drawn with a probability that grows with its stale loss, so hard samples are trained often and no
 * sample is starved; no loss rescaling, no annealing.
 *
 * <p>With stale losses s_i (an unscored sample counts as the mean m of the scored ones, a negative
 * loss as 0) the inclusion probability is {@code p_i = min(1, c * (s_i + m))}, with c chosen so
 * that the p_i sum to k: half of the probability mass is spread uniformly, half by loss, and no
 * sample's probability falls below {@code c * m}. With no positive score (the first epoch) every
 * sample is equally likely. The k samples are drawn by the ordered pivotal method (Deville and
 * Tille, 1998): one pass in dataset order in which the undecided sample so far "duels" the next (if
 * {@code a + b < 1}, one of them keeps {@code a + b} and the other is out, the first with
 * probability {@code a / (a + b)}; otherwise one is in and the other keeps {@code a + b - 1}, the
 * first in with probability {@code (1 - b) / (2 - a - b)}), which includes exactly k samples and
 * sample i with probability exactly p_i; they train in a uniformly shuffled order. k = {@code
 * floor(keepRatio * N)}, or {@code round(B * N)} with {@link Builder#optBudget(double)}, in every
 * epoch.
 */
public final class LossProportionalSampling extends ScoredPolicy {

    /** The default fraction of the dataset trained per epoch when no budget is set. */
    public static final double DEFAULT_KEEP_RATIO = 0.5;

    private static final double ROUNDING_TOLERANCE = 1e-9;

    private final int keptPerEpoch;

    /** Where the next epoch's capped-set search gathers from: speed only, never saved. */
    private float tailHint = Float.NaN;

    private LossProportionalSampling(Builder builder, int keptPerEpoch) {
        super("LossProportionalSampling", builder);
        this.keptPerEpoch = keptPerEpoch;
    }

    /**
     * Creates a builder: {@code setDatasetSize} and {@code setEpochs} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how many samples every epoch trains, k.
     *
     * @return k
     */
    public int getKeptPerEpoch() {
        return keptPerEpoch;
    }

    @Override
    protected Planned plan(int epoch, float[] scores, SplitMix64 random) {
        InclusionProbabilities probabilities =
                InclusionProbabilities.solve(scores, keptPerEpoch, tailHint);
        tailHint = probabilities.tailHint();
        // the draw writes at most one place past the epoch's count
        int[] order = new int[Math.min(scores.length, keptPerEpoch + 1)];
        probabilities.draw(order, keptPerEpoch, random);
        return new Planned(
                order, keptPerEpoch, new LossSamplingDetails(keptPerEpoch, probabilities.capped()));
    }

    @Override
    protected int samplesIn(int epoch) {
        return keptPerEpoch;
    }

    @Override
    protected ScoredStateFormat stateFormat() {
        return LossSamplingStateFormat.FORMAT;
    }

    @Override
    protected ScoredState.Settings stateSettings() {
        return new ScoredState.Settings(
                getDatasetSize(),
                getEpochs(),
                getSeed(),
                List.of("keptPerEpoch"),
                new double[] {keptPerEpoch});
    }

    /** Builds a {@link LossProportionalSampling}; by default every epoch trains half the data. */
    public static final class Builder extends ScoredPolicyBuilder<Builder> {

        private double keepRatio = DEFAULT_KEEP_RATIO;
        private boolean keepRatioSet;

        Builder() {
            super("LossProportionalSampling");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the fraction of the dataset every epoch trains: k = {@code floor(ratio * N)}.
         *
         * @param keepRatio in (0, 1]; default 0.5
         * @return this builder
         */
        public Builder optKeepRatio(double keepRatio) {
            this.keepRatio = keepRatio;
            this.keepRatioSet = true;
            return this;
        }

        /**
         * Builds the policy, checking every setting (and, in budget mode, that B is reachable).
         *
         * @return the policy
         * @throws IllegalArgumentException naming the bad setting, its range and how to fix it
         */
        @Override
        public LossProportionalSampling build() {
            checkRun();
            return new LossProportionalSampling(this, hasBudget() ? budgetCount() : ratioCount());
        }

        private int ratioCount() {
            if (!(keepRatio > 0 && keepRatio <= 1)) {
                throw new IllegalArgumentException(
                        "Keep ratio "
                                + keepRatio
                                + " is out of range: it must be in (0, 1], the fraction of the"
                                + " dataset each epoch trains; e.g. optKeepRatio(0.5).");
            }
            int kept = (int) Math.floor(keepRatio * datasetSize() + ROUNDING_TOLERANCE);
            if (kept < 1) {
                throw new IllegalArgumentException(
                        "Keep ratio "
                                + keepRatio
                                + " trains no sample of "
                                + datasetSize()
                                + ": floor(ratio * N) must be at least 1; raise optKeepRatio.");
            }
            return kept;
        }

        private int budgetCount() {
            checkBudgetRange();
            if (keepRatioSet) {
                throw new IllegalArgumentException(
                        "Both a budget (B = "
                                + budget()
                                + ") and a keep ratio ("
                                + keepRatio
                                + ") were set: in budget mode every epoch trains round(B * N);"
                                + " drop optKeepRatio or optBudget.");
            }
            int kept = roundedBudgetCount();
            if (kept < 1 || !meetsBudget(kept)) {
                throw new IllegalArgumentException(
                        String.format(
                                "Budget B = %s is unreachable with loss-proportional sampling on"
                                        + " %d samples: every epoch trains round(B * N) = %d, so"
                                        + " the reachable budgets are multiples of 1/N from %.4f;"
                                        + " choose B of at least %.4f.",
                                budget(),
                                datasetSize(),
                                kept,
                                1.0 / datasetSize(),
                                1.0 / datasetSize()));
            }
            return kept;
        }
    }
}
