package dev.greentrain.seta;

import dev.greentrain.pruning.RankWindow;
import dev.greentrain.pruning.ScoredPolicy;
import dev.greentrain.pruning.ScoredPolicyBuilder;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.pruning.state.ScoredState;
import dev.greentrain.pruning.state.ScoredStateFormat;
import java.util.List;

/**
 * SeTa, scale efficient training (Zhou, Gao and Wang, CVPR 2025): every epoch a random drop, then
 * the kept samples grouped from easy to hard by their stale loss, of which a window of consecutive
 * groups that slides from epoch to epoch is trained; annealing at the end. No loss rescaling.
 *
 * <p>With N samples, E epochs, prune ratio p, G groups, window scale s and annealing fraction
 * delta: K = {@code floor((1 - p) * N)} samples are kept by a uniform random draw; w = s * G
 * rounded half to even (Python's {@code round}, as the authors' code), so 5 groups at 0.9 give 4; P
 * = {@code floor(delta * E)} epochs prune. In a pruning epoch e > 0 the K kept samples are ranked
 * by ascending score (unscored samples as the hardest; ties in the draw's random order); group g
 * holds ranks {@code [floor(g * K / G), floor((g + 1) * K / G))} (equal-count quantile groups) and
 * the groups {@code [e mod (G - w + 1), that + w)} are trained. Epoch 0 trains all K kept samples.
 * Annealing epochs (e >= P) train a fresh random K, as the authors' code does ("partial
 * annealing"), or all N with {@link Builder#optFullDataAnnealing(boolean)}. Every weight is 1.
 *
 * <p>With {@link Builder#optBudget(double)} the kept count K is chosen instead of given: the K (at
 * least {@code floor(0.1 * N)}) whose run trains closest to B * N * E sample visits, or a refusal
 * when that is more than half a point away.
 */
public final class SeTa extends ScoredPolicy {

    /** The default prune ratio of the authors' CIFAR script: 10% dropped at random. */
    public static final double DEFAULT_PRUNE_RATIO = 0.1;

    /** The default number of difficulty groups of the authors' CIFAR script. */
    public static final int DEFAULT_GROUPS = 5;

    /** The default window scale of the authors' CIFAR script: a window of 4 of 5 groups. */
    public static final double DEFAULT_WINDOW_SCALE = 0.9;

    /** The default annealing fraction: the last 12.5% of epochs anneal. */
    public static final double DEFAULT_DELTA = 0.875;

    /** The largest prune ratio accepted, as in the authors' code (keep ratio at least 0.1). */
    public static final double MAX_PRUNE_RATIO = 0.9;

    private static final double ROUNDING_TOLERANCE = 1e-9;

    private final double pruneRatio;
    private final double windowScale;
    private final double delta;
    private final double budget;
    private final SeTaSchedule schedule;

    private SeTa(Builder builder, SeTaSchedule schedule, double budget) {
        super("SeTa", builder);
        this.pruneRatio = builder.pruneRatio;
        this.windowScale = builder.windowScale;
        this.delta = builder.delta;
        this.budget = budget;
        this.schedule = schedule;
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
     * Returns how many samples the random drop keeps per epoch, K.
     *
     * @return the kept count (chosen from the budget in budget mode)
     */
    public int getKeptPerEpoch() {
        return schedule.kept();
    }

    /**
     * Returns the prune ratio in effect, {@code 1 - K / N} (the given one, or the one the budget
     * chose).
     *
     * @return the fraction of samples the random drop skips
     */
    public double getEffectivePruneRatio() {
        return 1 - (double) schedule.kept() / getDatasetSize();
    }

    /**
     * Returns the number of difficulty groups, G.
     *
     * @return the groups
     */
    public int getGroups() {
        return schedule.groups();
    }

    /**
     * Returns the number of groups a window trains, w.
     *
     * @return the window in groups
     */
    public int getWindow() {
        return schedule.window();
    }

    /**
     * Returns the number of leading epochs that prune, {@code floor(delta * E)}.
     *
     * @return the pruning epochs
     */
    public int getPruningEpochs() {
        return schedule.pruningEpochs();
    }

    @Override
    protected Planned plan(int epoch, float[] scores, SplitMix64 random) {
        int kept = schedule.keptIn(epoch);
        int start = schedule.windowStart(epoch);
        int end = schedule.windowEnd(epoch);
        boolean pruning = epoch < schedule.pruningEpochs();
        int low = pruning ? schedule.firstRankOf(start) : 0;
        int high = pruning ? schedule.firstRankOf(end) : kept;
        int[] order = RankWindow.select(scores, kept, low, high, random);
        return new Planned(
                order, high - low, new SeTaDetails(kept, start, end, schedule.groups(), pruning));
    }

    @Override
    protected int samplesIn(int epoch) {
        return schedule.samplesIn(epoch);
    }

    @Override
    protected ScoredStateFormat stateFormat() {
        return SeTaStateFormat.FORMAT;
    }

    @Override
    protected ScoredState.Settings stateSettings() {
        return new ScoredState.Settings(
                getDatasetSize(),
                getEpochs(),
                getSeed(),
                List.of("pruneRatio", "groups", "windowScale", "delta", "fullData", "budget"),
                new double[] {
                    pruneRatio,
                    schedule.groups(),
                    windowScale,
                    delta,
                    schedule.fullDataAnnealing() ? 1 : 0,
                    budget
                });
    }

    /** Builds a {@link SeTa}; the defaults are those of the authors' CIFAR script. */
    public static final class Builder extends ScoredPolicyBuilder<Builder> {

        private double pruneRatio = DEFAULT_PRUNE_RATIO;
        private boolean pruneRatioSet;
        private int groups = DEFAULT_GROUPS;
        private double windowScale = DEFAULT_WINDOW_SCALE;
        private double delta = DEFAULT_DELTA;
        private boolean fullDataAnnealing;

        Builder() {
            super("SeTa");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the prune ratio p of the random drop: {@code floor((1 - p) * N)} samples are kept.
         *
         * @param pruneRatio p in [0, 0.9]; default 0.1
         * @return this builder
         */
        public Builder optPruneRatio(double pruneRatio) {
            this.pruneRatio = pruneRatio;
            this.pruneRatioSet = true;
            return this;
        }

        /**
         * Sets the number of difficulty groups G.
         *
         * @param groups at least 1, at most the dataset size; default 5
         * @return this builder
         */
        public Builder optGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /**
         * Sets the window scale: a window trains {@code round(scale * G)} groups (half to even).
         *
         * @param windowScale in (0, 1], giving at least one group; default 0.9
         * @return this builder
         */
        public Builder optWindowScale(double windowScale) {
            this.windowScale = windowScale;
            return this;
        }

        /**
         * Sets the annealing fraction delta: only the first {@code floor(delta * E)} epochs prune.
         *
         * @param delta in (0, 1]; default 0.875
         * @return this builder
         */
        public Builder optDelta(double delta) {
            this.delta = delta;
            return this;
        }

        /**
         * Sets whether annealing epochs train every sample instead of a fresh random {@code K}.
         *
         * @param fullDataAnnealing true for full data; default false (the authors' rule)
         * @return this builder
         */
        public Builder optFullDataAnnealing(boolean fullDataAnnealing) {
            this.fullDataAnnealing = fullDataAnnealing;
            return this;
        }

        /**
         * Builds the policy, checking every setting (and, in budget mode, that B is reachable).
         *
         * @return the policy
         * @throws IllegalArgumentException naming the bad setting, its range and how to fix it
         */
        @Override
        public SeTa build() {
            checkRun();
            int datasetSize = datasetSize();
            if (!(pruneRatio >= 0 && pruneRatio <= MAX_PRUNE_RATIO)) {
                throw new IllegalArgumentException(
                        "Prune ratio p = "
                                + pruneRatio
                                + " is out of range: it must be in [0, 0.9] (the random drop"
                                + " keeps at least 10% of the samples); the authors' default is"
                                + " optPruneRatio(0.1).");
            }
            if (groups < 1 || groups > datasetSize) {
                throw new IllegalArgumentException(
                        "Groups G = "
                                + groups
                                + " is out of range: it must be from 1 to the dataset size ("
                                + datasetSize
                                + "); the authors' default is optGroups(5).");
            }
            int window = (int) Math.rint(windowScale * groups);
            if (!(windowScale > 0 && windowScale <= 1) || window < 1) {
                throw new IllegalArgumentException(
                        "Window scale "
                                + windowScale
                                + " is out of range: it must be in (0, 1] and give a window of"
                                + " at least one group (round(scale * G) >= 1 with G = "
                                + groups
                                + "); the authors' default is optWindowScale(0.9).");
            }
            if (!(delta > 0 && delta <= 1)) {
                throw new IllegalArgumentException(
                        "Annealing fraction delta = "
                                + delta
                                + " is out of range: it must be in (0, 1] (the fraction of epochs"
                                + " that prune); the default is optDelta(0.875).");
            }
            SeTaSchedule schedule =
                    new SeTaSchedule(
                            datasetSize,
                            epochs(),
                            keptCount(datasetSize, pruneRatio),
                            groups,
                            window,
                            (int) Math.floor(delta * epochs() + ROUNDING_TOLERANCE),
                            fullDataAnnealing);
            if (hasBudget()) {
                schedule = budgetSchedule(schedule);
            }
            return new SeTa(this, schedule, budget());
        }

        private SeTaSchedule budgetSchedule(SeTaSchedule schedule) {
            checkBudgetRange();
            if (pruneRatioSet) {
                throw new IllegalArgumentException(
                        "Both a budget (B = "
                                + budget()
                                + ") and a prune ratio (p = "
                                + pruneRatio
                                + ") were set: in budget mode SeTa chooses p itself; drop"
                                + " optPruneRatio or optBudget.");
            }
            return schedule.forBudget(budget(), keptCount(schedule.datasetSize(), MAX_PRUNE_RATIO));
        }

        private static int keptCount(int datasetSize, double pruneRatio) {
            return Math.max(
                    1, (int) Math.floor((1 - pruneRatio) * datasetSize + ROUNDING_TOLERANCE));
        }
    }
}
