package dev.greentrain.infobatch;

import dev.greentrain.pruning.EpochLedger;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.pruning.SampleWeights;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.pruning.VisitBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfoBatch dynamic data pruning (Qin et al., ICLR 2024): every epoch, skip a random part of the
 * well-learned samples and up-weight the loss of the kept ones so the expected gradient is
 * unchanged.
 *
 * <p>Each sample's score is its latest unweighted per-sample loss; a sample never scored is never
 * pruned, so the first epoch trains on everything. Before epoch {@code e} the threshold is the mean
 * of all scores (in double precision); of the {@code m} samples scoring below it, a uniformly
 * random {@code (1 - r) * m} rounded by the {@link KeptCount} rule (stochastic rounding by default,
 * so that each one's expected weight is exactly 1; {@code floor} as the authors do with {@link
 * KeptCount#REFERENCE}) are kept with weight {@code 1 / (1 - r)} and the rest are skipped. Every
 * other sample is trained with weight 1, and the epoch's index list is shuffled. Pruning happens
 * only in epochs {@code e < floor(delta * E)} (0-based, rounded down; a 1e-9 tolerance absorbs
 * floating-point error, so 0.29 * 100 gives 29); later epochs train on all data with every weight
 * exactly 1.
 *
 * <p>In budget mode ({@link Builder#optBudget(double)}) r is chosen anew before every pruning epoch
 * so that the run's sample visits end at {@code B * N * E}: with {@code S} the samples the epochs
 * so far trained (as completed, else as planned), {@code A} the annealing epochs and {@code p} the
 * pruning epochs left including this one, the epoch's target is {@code v = (B N E - S - A N) / p}
 * and {@code r = 1 - (v - (N - m)) / m}, clamped to {@code [0, 0.9]}.
 *
 * <p>A non-finite loss (NaN or infinity) never enters the threshold: the sample becomes unscored
 * again, is excluded from the mean and is trained (not pruned) until a finite loss is recorded.
 *
 * <p>The pruner owns its random generator, seeded from the builder; nothing global is reseeded.
 * Memory: 4 bytes of score, 4 bytes of epoch order and 1 bit of weight per sample.
 */
public final class InfoBatch implements PruningPolicy {

    /** The default prune ratio r of the paper: half of the well-learned samples are skipped. */
    public static final double DEFAULT_PRUNE_RATIO = 0.5;

    /** The default annealing fraction delta of the paper: the last 12.5% of epochs train on all. */
    public static final double DEFAULT_DELTA = 0.875;

    /** The default seed of the pruner's random generator. */
    public static final long DEFAULT_SEED = 42L;

    /** The largest prune ratio accepted, as in the reference code (keep ratio at least 0.1). */
    public static final double MAX_PRUNE_RATIO = 0.9;

    private static final double ROUNDING_TOLERANCE = 1e-9;

    private static final Logger logger = LoggerFactory.getLogger(InfoBatch.class);

    private final int datasetSize;
    private final int epochs;
    private final double pruneRatio;
    private final double delta;
    private final long seed;
    private final float[] scores;
    private final SplitMix64 random;
    private final KeptSelection selection;
    private final boolean ownSelection;
    private final KeptCount rounding;
    private final VisitBudget budget;
    private boolean budgetShortfallLogged;
    private final EpochLedger ledger = new EpochLedger();
    private int[] order;
    private int orderLength;
    private long[] upweighted;
    private float upweight = 1f;
    private SampleWeights keptWeights;

    private InfoBatch(Builder builder) {
        this.datasetSize = builder.datasetSize;
        this.epochs = builder.epochs;
        this.pruneRatio = builder.pruneRatio;
        this.delta = builder.delta;
        this.seed = builder.seed;
        this.scores = new float[datasetSize];
        Arrays.fill(scores, Float.NaN);
        this.random = new SplitMix64(seed);
        this.rounding = builder.rounding;
        this.ownSelection = builder.selection == null;
        this.selection = ownSelection ? KeptSelection.uniform(builder.rounding) : builder.selection;
        this.budget =
                builder.budgetSet ? VisitBudget.of(builder.budget, datasetSize, epochs) : null;
        this.upweighted = new long[(datasetSize + 63) >>> 6];
    }

    /**
     * Creates a builder for InfoBatch: {@code setDatasetSize} and {@code setEpochs} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of leading epochs that prune: {@code floor(delta * epochs)}.
     *
     * @return the count of pruning epochs
     */
    public int getPruningEpochs() {
        return pruningEpochs(delta, epochs);
    }

    static int pruningEpochs(double delta, int epochs) {
        return (int) Math.floor(delta * epochs + ROUNDING_TOLERANCE);
    }

    /** {@inheritDoc} */
    @Override
    public int getDatasetSize() {
        return datasetSize;
    }

    /**
     * Returns the total number of epochs of the run, E.
     *
     * @return the epochs the pruner was built for
     */
    public int getEpochs() {
        return epochs;
    }

    /**
     * Returns the prune ratio r.
     *
     * @return the fraction of well-learned samples skipped in a pruning epoch; in budget mode the
     *     ratio is chosen per epoch and this is the builder's unused one
     */
    public double getPruneRatio() {
        return pruneRatio;
    }

    /**
     * Returns the budget B of budget mode.
     *
     * @return the fraction of full-data sample visits the run spends, or {@code NaN} when the prune
     *     ratio is fixed
     */
    public double getBudget() {
        return budget == null ? Double.NaN : budget.fraction();
    }

    /**
     * Returns how the kept share of the well-learned samples is rounded to a count.
     *
     * @return the rounding rule
     */
    public KeptCount getKeptCount() {
        return rounding;
    }

    /**
     * Returns the annealing fraction delta.
     *
     * @return the fraction of epochs that prune
     */
    public double getDelta() {
        return delta;
    }

    /**
     * Returns the seed of the pruner's random generator.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns the number of epochs planned so far, which is the index of the next epoch; an epoch
     * whose training failed ({@link #abortEpoch()}) is not counted and is planned again.
     *
     * @return the next epoch, counted from 0
     */
    public int getNextEpoch() {
        return ledger.nextEpoch();
    }

    /**
     * Returns the current score of a sample: its latest finite unweighted loss, or {@code NaN} if
     * it has none.
     *
     * @param index the dataset index
     * @return the sample's score
     */
    public float getScore(int index) {
        return scores[index];
    }

    /** {@inheritDoc} */
    @Override
    public synchronized EpochPlan nextEpoch() {
        int epoch = ledger.nextEpoch();
        if (epoch >= epochs) {
            throw new IllegalStateException(
                    "InfoBatch was built for "
                            + epochs
                            + " epochs and all of them are planned; build it with setEpochs(n)"
                            + " equal to the number of epochs the run trains.");
        }
        double threshold = meanScore();
        boolean pruningActive = epoch < getPruningEpochs();
        int[] next = new int[datasetSize];
        // a fresh bitset, so that an earlier epoch's plan keeps its own weights
        upweighted = new long[(datasetSize + 63) >>> 6];
        int wellLearned = 0;
        int kept = 0;
        int length;
        if (pruningActive && !Double.isNaN(threshold)) {
            int head = 0;
            int tail = datasetSize;
            for (int i = 0; i < datasetSize; i++) {
                if (scores[i] < threshold) {
                    next[head++] = i;
                } else {
                    next[--tail] = i;
                }
            }
            wellLearned = head;
            double ratio = epochPruneRatio(epoch, wellLearned);
            KeptSelection.Kept choice = selection.select(epoch, next, wellLearned, ratio, random);
            kept = choice.count();
            for (int i = 0; i < kept; i++) {
                int index = next[i];
                upweighted[index >>> 6] |= 1L << index;
            }
            System.arraycopy(next, wellLearned, next, kept, datasetSize - wellLearned);
            length = kept + datasetSize - wellLearned;
            upweight = choice.upweight();
            // the uniform rule's weight is the constant upweight, also after a load
            keptWeights = ownSelection ? null : choice.weights();
        } else {
            for (int i = 0; i < datasetSize; i++) {
                next[i] = i;
            }
            length = datasetSize;
            upweight = 1f;
            keptWeights = null;
        }
        random.shuffle(next, length);
        order = next;
        orderLength = length;
        EpochStats epochStats =
                EpochStats.planned(
                        epoch,
                        datasetSize,
                        length,
                        ledger.unaccountedMethodPasses(selection.forwardPasses()),
                        new InfoBatchDetails(
                                wellLearned,
                                kept,
                                threshold,
                                kept > 0 ? upweight : 1f,
                                pruningActive));
        ledger.add(epochStats);
        return currentPlan(epochStats);
    }

    /**
     * Returns the prune ratio of a pruning epoch: the fixed r, or in budget mode the ratio whose
     * kept share makes the epoch spend its share of what is left of the budget (see the class
     * description), clamped to {@code [0, 0.9]}.
     */
    private double epochPruneRatio(int epoch, int wellLearned) {
        if (budget == null || wellLearned == 0) {
            return pruneRatio;
        }
        double target = budgetTarget(epoch);
        double keptShare = target - (datasetSize - wellLearned);
        double ratio = 1.0 - keptShare / wellLearned;
        if (ratio > MAX_PRUNE_RATIO) {
            logShortfall(epoch, wellLearned, target);
            return MAX_PRUNE_RATIO;
        }
        return Math.max(0.0, ratio);
    }

    /** This pruning epoch's share of the budget left: {@code (B N E - S - A N) / p}. */
    private double budgetTarget(int epoch) {
        int pruningEpochs = getPruningEpochs();
        double annealing = (double) (epochs - pruningEpochs) * datasetSize;
        return budget.perEpochTarget(
                VisitBudget.visitsSoFar(ledger.view()), annealing, pruningEpochs - epoch);
    }

    private void logShortfall(int epoch, int wellLearned, double target) {
        if (!budgetShortfallLogged) {
            budgetShortfallLogged = true;
            logger.warn(
                    "InfoBatch cannot keep to budget B = {} in epoch {}: only {} of {} samples are"
                            + " below the mean loss and at most 90% of them can be skipped, so the"
                            + " epoch trains {} samples against a target of {}; it prunes at"
                            + " r = 0.9 until it is back on budget, and the run may end above B.",
                    budget.fraction(),
                    epoch,
                    wellLearned,
                    datasetSize,
                    datasetSize - wellLearned + KeptCount.REFERENCE.count(wellLearned, 0.9, null),
                    Math.round(target));
        }
    }

    /**
     * {@inheritDoc} A pruning epoch is expected to keep what the current scores would give: the
     * samples at or above the mean score plus {@code floor((1 - r) * m)} of the {@code m} below it
     * (all samples while nothing is scored); in budget mode its share of the budget left; an
     * annealing epoch trains the whole dataset.
     */
    @Override
    public synchronized int[] getPlannedSamples(int totalEpochs) {
        int next = ledger.nextEpoch();
        int[] counts = new int[Math.max(0, Math.min(totalEpochs, epochs) - next)];
        int pruned =
                budget == null || next >= getPruningEpochs() || Double.isNaN(meanScore())
                        ? expectedPrunedSize()
                        : (int) Math.max(0, Math.min(datasetSize, Math.round(budgetTarget(next))));
        for (int i = 0; i < counts.length; i++) {
            counts[i] = next + i < getPruningEpochs() ? pruned : datasetSize;
        }
        return counts;
    }

    /** The mean of the current scores, {@code NaN} while no sample has one. */
    private double meanScore() {
        double sum = 0;
        int scored = 0;
        for (float score : scores) {
            if (!Float.isNaN(score)) {
                sum += score;
                scored++;
            }
        }
        return scored == 0 ? Double.NaN : sum / scored;
    }

    /** The size of a pruning epoch planned from the current scores. */
    private int expectedPrunedSize() {
        double threshold = meanScore();
        if (Double.isNaN(threshold)) {
            return datasetSize;
        }
        int wellLearned = 0;
        for (float score : scores) {
            if (score < threshold) {
                wellLearned++;
            }
        }
        return datasetSize - wellLearned + keptCount(wellLearned, pruneRatio);
    }

    static int keptCount(int wellLearned, double pruneRatio) {
        return KeptCount.REFERENCE.count(wellLearned, pruneRatio, null);
    }

    private EpochPlan currentPlan(EpochStats epochStats) {
        long[] bits = upweighted;
        float weight = upweight;
        SampleWeights kept = keptWeights != null ? keptWeights : index -> weight;
        SampleWeights weights =
                weight == 1f && keptWeights == null
                        ? SampleWeights.ONE
                        : index ->
                                (bits[(int) (index >>> 6)] & (1L << index)) != 0
                                        ? kept.weightOf(index)
                                        : 1f;
        return new EpochPlan(order, orderLength, weights, epochStats);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A non-finite loss makes the sample unscored (see the class description).
     */
    @Override
    public void recordLosses(long[] indices, float[] losses) {
        if (indices.length != losses.length) {
            throw new IllegalArgumentException(
                    "Got "
                            + losses.length
                            + " per-sample losses for "
                            + indices.length
                            + " samples: the loss must return one value per row of the batch.");
        }
        for (int i = 0; i < indices.length; i++) {
            long index = indices[i];
            if (index < 0 || index >= datasetSize) {
                throw new IllegalArgumentException(
                        "Sample index "
                                + index
                                + " is outside the dataset of "
                                + datasetSize
                                + " samples the pruner was built for; record the indices of the"
                                + " batch's rows (BatchWeights.indexArray()).");
            }
            float loss = losses[i];
            scores[(int) index] = Float.isFinite(loss) ? loss : Float.NaN;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void completeEpoch(EpochStats trained) {
        ledger.complete(trained);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The aborted epoch's plan is dropped: {@link #getCurrentPlan()} returns {@code null} until
     * the next epoch is planned, and {@link #save(Path)} records the state before that epoch (with
     * the losses recorded since as scores and the random generator as it is now).
     */
    @Override
    public synchronized void abortEpoch() {
        if (ledger.abort()) {
            order = null;
            orderLength = 0;
            upweighted = new long[(datasetSize + 63) >>> 6];
            upweight = 1f;
            keptWeights = null;
        }
    }

    /** {@inheritDoc} */
    @Override
    public List<EpochStats> getEpochStats() {
        return ledger.view();
    }

    /** {@inheritDoc} */
    @Override
    public void forEachScore(DoubleConsumer consumer) {
        for (float score : scores) {
            if (!Float.isNaN(score)) {
                consumer.accept(score);
            }
        }
    }

    /**
     * Writes the whole pruning state (configuration, scores, current weights and order, epoch,
     * random generator state and statistics) to a file, atomically: the file is complete or
     * untouched. Temporaries that interrupted saves of the same file left next to it are deleted.
     *
     * @param file the file to write, e.g. next to the model checkpoint
     * @throws IOException if the file cannot be written
     */
    public void save(Path file) throws IOException {
        StateFile.writeAtomically(file, this::save);
    }

    /**
     * Writes the whole pruning state to a stream.
     *
     * @param out the stream to write to (not closed)
     * @throws IOException if writing fails
     */
    public synchronized void save(OutputStream out) throws IOException {
        if (!ownSelection) {
            throw new UnsupportedOperationException(
                    "Only InfoBatch with its own uniform selection can be saved; this one keeps"
                            + " samples with "
                            + selection
                            + ", whose per-sample weights the checkpoint format does not hold.");
        }
        InfoBatchState.write(
                out,
                new InfoBatchState(
                        datasetSize,
                        epochs,
                        savedRatio(),
                        delta,
                        seed,
                        ledger.nextEpoch(),
                        random.getState(),
                        scores,
                        order,
                        orderLength,
                        upweighted,
                        upweight,
                        ledger.snapshot()));
    }

    /**
     * Restores the pruning state from a file written by {@link #save(Path)}; a damaged, cut or
     * extended file (its length and checksum are checked) is refused and the pruner left as it was.
     *
     * @param file the state file
     * @throws IOException if the file cannot be read, is damaged or does not match this pruner
     */
    public void load(Path file) throws IOException {
        InfoBatchState state;
        try (InputStream in = StateFile.openForReading(file)) {
            state = readState(in, file.toString());
            StateFormat.requireEnd(in, file.toString());
        }
        restore(state);
    }

    /**
     * Restores the pruning state from a stream written by {@link #save(OutputStream)}, reading no
     * byte past the state's end.
     *
     * @param in the stream to read from (not closed)
     * @param source a name for the stream, used in error messages
     * @throws IOException if reading fails, the state is damaged or does not match this pruner
     */
    public void load(InputStream in, String source) throws IOException {
        restore(readState(in, source));
    }

    private InfoBatchState readState(InputStream in, String source) throws IOException {
        return InfoBatchState.read(
                in,
                source,
                new InfoBatchState.Settings(datasetSize, epochs, savedRatio(), delta, seed));
    }

    /** The ratio field of the saved state: r, or {@code -B} in budget mode. */
    private double savedRatio() {
        return budget == null ? pruneRatio : -budget.fraction();
    }

    private synchronized void restore(InfoBatchState state) {
        System.arraycopy(state.scores(), 0, scores, 0, datasetSize);
        upweighted = state.upweighted();
        random.setState(state.randomState());
        order = state.order();
        orderLength = state.orderLength();
        upweight = state.upweight();
        keptWeights = null;
        ledger.restore(state.stats());
    }

    /**
     * Returns the plan of the most recent epoch, rebuilt from the pruner's state (also after a
     * {@code load}), or {@code null} before the first epoch.
     *
     * @return the current epoch plan
     */
    public synchronized EpochPlan getCurrentPlan() {
        List<EpochStats> stats = ledger.view();
        return order == null ? null : currentPlan(stats.get(stats.size() - 1));
    }

    /** Builds an {@link InfoBatch}; the defaults are those of the paper. */
    public static final class Builder {

        private int datasetSize = -1;
        private int epochs = -1;
        private double pruneRatio = DEFAULT_PRUNE_RATIO;
        private double delta = DEFAULT_DELTA;
        private long seed = DEFAULT_SEED;
        private KeptSelection selection;
        private KeptCount rounding = KeptCount.STOCHASTIC;
        private double budget = Double.NaN;
        private boolean pruneRatioSet;
        private boolean budgetSet;

        Builder() {}

        /**
         * Sets the number of samples in the training dataset.
         *
         * @param datasetSize the dataset size, at least 1
         * @return this builder
         */
        public Builder setDatasetSize(int datasetSize) {
            this.datasetSize = datasetSize;
            return this;
        }

        /**
         * Sets the total number of epochs of the run, E, which annealing is relative to.
         *
         * @param epochs the epoch count, at least 1
         * @return this builder
         */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the prune ratio r, the fraction of well-learned samples skipped per pruning epoch.
         *
         * @param pruneRatio r in [0, 0.9]; default 0.5
         * @return this builder
         */
        public Builder optPruneRatio(double pruneRatio) {
            this.pruneRatio = pruneRatio;
            this.pruneRatioSet = true;
            return this;
        }

        /**
         * Turns on budget mode: the run spends the fraction B of the {@code N * E} sample visits of
         * full-data training (epoch 0 and the annealing epochs included), and r is chosen before
         * each pruning epoch to get there (see the class description); instead of {@link
         * #optPruneRatio(double)}.
         *
         * @param budget B in (0, 1), at least the lowest budget InfoBatch's rules can reach (the
         *     build names it)
         * @return this builder
         */
        public Builder optBudget(double budget) {
            this.budget = budget;
            this.budgetSet = true;
            return this;
        }

        /**
         * Sets how the kept share {@code (1 - r) * m} is rounded to a count.
         *
         * @param rounding {@link KeptCount#STOCHASTIC} (default, exactly unbiased) or {@link
         *     KeptCount#REFERENCE} (the authors' floor)
         * @return this builder
         */
        public Builder optKeptCount(KeptCount rounding) {
            this.rounding = java.util.Objects.requireNonNull(rounding, "rounding");
            return this;
        }

        /**
         * Sets the annealing fraction delta: only the first {@code floor(delta * E)} epochs prune.
         *
         * @param delta delta in (0, 1]; default 0.875
         * @return this builder
         */
        public Builder optDelta(double delta) {
            this.delta = delta;
            return this;
        }

        /**
         * Sets the seed of the pruner's own random generator.
         *
         * @param seed the seed; default 42
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how the kept well-learned samples are chosen and weighted, for variants of InfoBatch
         * such as stratified sampling by cluster; a pruner with a custom selection cannot be saved.
         *
         * @param selection the selection; default {@link KeptSelection#uniform(KeptCount)} with the
         *     {@link #optKeptCount(KeptCount)} rule
         * @return this builder
         */
        public Builder optKeptSelection(KeptSelection selection) {
            this.selection = java.util.Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * Builds the pruner, checking every setting.
         *
         * @return the pruner
         * @throws IllegalArgumentException naming the bad setting, its range and how to fix it
         */
        public InfoBatch build() {
            if (datasetSize < 1) {
                throw new IllegalArgumentException(
                        "Dataset size "
                                + datasetSize
                                + " is invalid: InfoBatch needs at least one sample; call"
                                + " setDatasetSize(n) with the training set's size.");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException(
                        "Epochs = "
                                + epochs
                                + " is invalid: it must be at least 1; call setEpochs(n) with the"
                                + " number of epochs the run trains.");
            }
            if (!(pruneRatio >= 0 && pruneRatio <= MAX_PRUNE_RATIO)) {
                throw new IllegalArgumentException(
                        "Prune ratio r = "
                                + pruneRatio
                                + " is out of range: it must be in [0, 0.9] (at most 90% of the"
                                + " well-learned samples can be skipped); the paper's default is"
                                + " optPruneRatio(0.5).");
            }
            if (!(delta > 0 && delta <= 1)) {
                throw new IllegalArgumentException(
                        "Annealing fraction delta = "
                                + delta
                                + " is out of range: it must be in (0, 1] (the fraction of epochs"
                                + " that prune); the paper's default is optDelta(0.875).");
            }
            if (budgetSet) {
                BudgetReach.check(budget, pruneRatioSet, datasetSize, epochs, delta);
            }
            return new InfoBatch(this);
        }
    }
}
