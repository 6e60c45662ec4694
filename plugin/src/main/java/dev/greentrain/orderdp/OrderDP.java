package dev.greentrain.orderdp;

import dev.greentrain.pruning.RankWindow;
import dev.greentrain.pruning.ScoredPolicy;
import dev.greentrain.pruning.ScoredPolicyBuilder;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.pruning.state.ScoredState;
import dev.greentrain.pruning.state.ScoredStateFormat;
import java.util.List;

/**
 * OrderDP dynamic data pruning (Jin, Xu et al., ICLR 2026): every epoch a uniformly random subset
 * of s samples, of which the q with the highest stale loss are trained, with no loss rescaling.
 *
 * <p>As in the authors' code, s = {@code floor(subsetRatio * N)} and q = {@code floor(topRatio *
 * s)}; both can be given as counts instead. Every epoch, the first included, draws a fresh subset
 * and trains its top q: unscored samples rank highest (so the first epoch trains a uniformly random
 * q), ties in the draw's random order. There is no annealing (the authors' code prunes in every
 * epoch) and every weight is 1, so each epoch trains exactly q samples. With {@link
 * Builder#optBudget(double)}, q = {@code round(B * N)}, so the run trains B * N * E visits.
 */
public final class OrderDP extends ScoredPolicy {

    /** The default subset ratio of the authors' CIFAR command (README): s = 0.8 N. */
    public static final double DEFAULT_SUBSET_RATIO = 0.8;

    /** The default top ratio of the authors' CIFAR command (README): q = 0.375 s = 0.3 N. */
    public static final double DEFAULT_TOP_RATIO = 0.375;

    private static final double ROUNDING_TOLERANCE = 1e-9;

    private final int subsetSize;
    private final int topCount;

    private OrderDP(Builder builder, int subsetSize, int topCount) {
        super("OrderDP", builder);
        this.subsetSize = subsetSize;
        this.topCount = topCount;
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
     * Returns the size of each epoch's random subset, s.
     *
     * @return s
     */
    public int getSubsetSize() {
        return subsetSize;
    }

    /**
     * Returns how many of the subset's highest-loss samples each epoch trains, q.
     *
     * @return q
     */
    public int getTopCount() {
        return topCount;
    }

    @Override
    protected Planned plan(int epoch, float[] scores, SplitMix64 random) {
        int[] order =
                RankWindow.select(scores, subsetSize, subsetSize - topCount, subsetSize, random);
        return new Planned(order, topCount, new OrderDpDetails(subsetSize, topCount));
    }

    @Override
    protected int samplesIn(int epoch) {
        return topCount;
    }

    @Override
    protected ScoredStateFormat stateFormat() {
        return OrderDpStateFormat.FORMAT;
    }

    @Override
    protected ScoredState.Settings stateSettings() {
        return new ScoredState.Settings(
                getDatasetSize(),
                getEpochs(),
                getSeed(),
                List.of("subsetSize", "topCount"),
                new double[] {subsetSize, topCount});
    }

    /** Builds an {@link OrderDP}; the defaults are those of the authors' CIFAR command. */
    public static final class Builder extends ScoredPolicyBuilder<Builder> {

        private double subsetRatio = DEFAULT_SUBSET_RATIO;
        private double topRatio = DEFAULT_TOP_RATIO;
        private int subsetSize = -1;
        private int topCount = -1;
        private boolean topSet;

        Builder() {
            super("OrderDP");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the random subset as a fraction of the dataset: s = {@code floor(ratio * N)}.
         *
         * @param subsetRatio in (0, 1]; default 0.8
         * @return this builder
         */
        public Builder optSubsetRatio(double subsetRatio) {
            this.subsetRatio = subsetRatio;
            this.subsetSize = -1;
            return this;
        }

        /**
         * Sets the random subset's size s as a count.
         *
         * @param subsetSize from 1 to the dataset size
         * @return this builder
         */
        public Builder optSubsetSize(int subsetSize) {
            this.subsetSize = subsetSize;
            return this;
        }

        /**
         * Sets the trained part as a fraction of the subset: q = {@code floor(ratio * s)}.
         *
         * @param topRatio in (0, 1]; default 0.375
         * @return this builder
         */
        public Builder optTopRatio(double topRatio) {
            this.topRatio = topRatio;
            this.topCount = -1;
            this.topSet = true;
            return this;
        }

        /**
         * Sets the number q of the subset's highest-loss samples trained per epoch.
         *
         * @param topCount from 1 to s
         * @return this builder
         */
        public Builder optTopCount(int topCount) {
            this.topCount = topCount;
            this.topSet = true;
            return this;
        }

        /**
         * Builds the policy, checking every setting (and, in budget mode, that B is reachable).
         *
         * @return the policy
         * @throws IllegalArgumentException naming the bad setting, its range and how to fix it
         */
        @Override
        public OrderDP build() {
            checkRun();
            int datasetSize = datasetSize();
            int s = subsetSize >= 0 ? subsetSize : ratioCount(subsetRatio, datasetSize, "subset");
            if (s < 1 || s > datasetSize) {
                throw new IllegalArgumentException(
                        "Subset size s = "
                                + s
                                + " is out of range: it must be from 1 to the dataset size ("
                                + datasetSize
                                + "); set optSubsetSize or optSubsetRatio (default 0.8).");
            }
            int q = hasBudget() ? budgetCount(s) : topCount(s);
            return new OrderDP(this, s, q);
        }

        private int topCount(int s) {
            int q = topCount >= 0 ? topCount : ratioCount(topRatio, s, "top");
            if (q > s) {
                throw new IllegalArgumentException(
                        "Top count q = "
                                + q
                                + " is larger than the subset size s = "
                                + s
                                + ": OrderDP trains the top q of a random subset of s, so q"
                                + " must be from 1 to s; lower optTopCount or raise"
                                + " optSubsetSize.");
            }
            if (q < 1) {
                throw new IllegalArgumentException(
                        "Top count q = "
                                + q
                                + " is out of range: each epoch must train at least one sample"
                                + " (1 <= q <= s = "
                                + s
                                + "); raise optTopCount or optTopRatio.");
            }
            return q;
        }

        private int budgetCount(int s) {
            checkBudgetRange();
            double budget = budget();
            int datasetSize = datasetSize();
            if (topSet) {
                throw new IllegalArgumentException(
                        "Both a budget (B = "
                                + budget
                                + ") and a top ratio or count were set: in budget mode OrderDP"
                                + " chooses q = round(B * N) itself; drop optTopRatio/optTopCount"
                                + " or optBudget.");
            }
            int q = roundedBudgetCount();
            if (q < 1 || q > s || !meetsBudget(q)) {
                throw new IllegalArgumentException(
                        String.format(
                                "Budget B = %s is unreachable with OrderDP's rules: every epoch"
                                        + " trains q = round(B * N) = %d of a random subset of"
                                        + " s = %d of the N = %d samples, so the reachable budgets"
                                        + " are %.4f (q = 1) to %.4f (q = s), in steps of 1/N;"
                                        + " choose B in that range, or raise optSubsetRatio or"
                                        + " optSubsetSize.",
                                budget,
                                q,
                                s,
                                datasetSize,
                                1.0 / datasetSize,
                                (double) s / datasetSize));
            }
            return q;
        }

        private static int ratioCount(double ratio, int of, String what) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException(
                        "The "
                                + what
                                + " ratio "
                                + ratio
                                + " is out of range: it must be in (0, 1]; the authors' CIFAR"
                                + " command uses optSubsetRatio(0.8) and optTopRatio(0.375).");
            }
            return (int) Math.floor(ratio * of + ROUNDING_TOLERANCE);
        }
    }
}
