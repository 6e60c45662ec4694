package dev.greentrain.randompruning;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScorelessPolicy;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.pruning.VisitBudget;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Uniform random dynamic pruning (Raju et al. 2021): each epoch trains a fresh uniformly random
 * subset of a given size, with no loss rescaling; the fair peer of InfoBatch at the same budget.
 *
 * <p>The sizes are given per epoch, or as a budget B ({@link Builder#setBudget(double, int)}):
 * before each epoch {@code e} of {@code E} the size is {@code round((B N E - S) / (E - e))},
 * clamped to {@code [1, N]}, with {@code S} the samples the epochs so far trained (as completed,
 * else as planned), so the run's visits end within one sample of {@code B N E}.
 */
public final class RandomPruning extends ScorelessPolicy {

    private final int datasetSize;
    private final int epochs;
    private final IntUnaryOperator samplesPerEpoch;
    private final IntUnaryOperator forecast;
    private final SplitMix64 random;
    private final VisitBudget budget;

    private RandomPruning(Builder builder) {
        super(builder.datasetSize);
        this.datasetSize = builder.datasetSize;
        this.epochs = builder.epochs;
        this.budget =
                builder.budget != null
                        ? VisitBudget.of(builder.budget, builder.datasetSize, builder.epochs)
                        : null;
        this.samplesPerEpoch = budget != null ? epoch -> budgetShare() : builder.samplesPerEpoch;
        this.forecast =
                budget != null
                        ? samplesPerEpoch
                        : builder.forecast != null ? builder.forecast : epoch -> datasetSize;
        this.random = new SplitMix64(builder.seed);
    }

    /**
     * Creates a builder; {@code setDatasetSize} and {@code setSamplesPerEpoch} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized EpochPlan nextEpoch() {
        int epoch = plannedEpochs();
        if (epoch >= epochs) {
            throw new IllegalStateException(
                    "RandomPruning was given sample counts for "
                            + epochs
                            + " epochs and all of them are planned; give one count per epoch of"
                            + " the run.");
        }
        int size = samplesPerEpoch.applyAsInt(epoch);
        checkCount(epoch, size, datasetSize);
        int[] order = new int[datasetSize];
        for (int i = 0; i < datasetSize; i++) {
            order[i] = i;
        }
        random.selectPrefix(order, datasetSize, size);
        random.shuffle(order, size);
        return plan(order, size);
    }

    /** The next epoch's share of the budget left, within {@code [1, N]}. */
    private int budgetShare() {
        double share =
                budget.perEpochTarget(
                        VisitBudget.visitsSoFar(getEpochStats()), 0, epochs - plannedEpochs());
        return (int) Math.max(1, Math.min(datasetSize, Math.round(share)));
    }

    /**
     * Returns the budget B when the sizes follow one.
     *
     * @return the fraction of full-data sample visits, or {@code NaN} when sizes were given
     */
    public double getBudget() {
        return budget == null ? Double.NaN : budget.fraction();
    }

    /**
     * {@inheritDoc} Its counts when they were given up front; counts known only as the run goes are
     * forecast with {@link Builder#optForecast(IntUnaryOperator)}, else as the dataset size.
     */
    @Override
    public synchronized int[] getPlannedSamples(int totalEpochs) {
        int next = plannedEpochs();
        int[] counts = new int[Math.max(0, Math.min(totalEpochs, epochs) - next)];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = forecast.applyAsInt(next + i);
        }
        return counts;
    }

    private static void checkCount(int epoch, int count, int datasetSize) {
        if (count < 1 || count > datasetSize) {
            throw new IllegalArgumentException(
                    "Epoch "
                            + epoch
                            + " asks for "
                            + count
                            + " samples, expected 1.."
                            + datasetSize
                            + " (the dataset size); give counts within the dataset.");
        }
    }

    /** Builds a {@link RandomPruning}. */
    public static final class Builder {

        private int datasetSize;
        private int epochs;
        private IntUnaryOperator samplesPerEpoch;
        private int[] fixedCounts;
        private IntUnaryOperator forecast;
        private Double budget;
        private long seed = 42;

        Builder() {}

        /**
         * Sets the number of samples in the dataset.
         *
         * @param datasetSize at least 1
         * @return this builder
         */
        public Builder setDatasetSize(int datasetSize) {
            this.datasetSize = datasetSize;
            return this;
        }

        /**
         * Sets how many samples each epoch trains, e.g. those of an InfoBatch run of the same seed
         * ({@code EpochStats.samplesInEpoch}).
         *
         * @param samplesPerEpoch one count per epoch, each from 1 to the dataset size
         * @return this builder
         */
        public Builder setSamplesPerEpoch(int... samplesPerEpoch) {
            int[] counts = samplesPerEpoch.clone();
            this.fixedCounts = counts;
            this.budget = null;
            this.epochs = counts.length;
            this.samplesPerEpoch = epoch -> counts[epoch];
            this.forecast = this.samplesPerEpoch;
            return this;
        }

        /**
         * Sets how many samples each epoch trains when the counts are only known as the run goes,
         * e.g. those of an InfoBatch run trained side by side; each count is asked for when its
         * epoch is planned, and checked then.
         *
         * @param epochs the number of epochs, at least 1
         * @param countOfEpoch the sample count of an epoch (from 0), from 1 to the dataset size
         * @return this builder
         */
        public Builder setSamplesPerEpoch(int epochs, IntUnaryOperator countOfEpoch) {
            this.fixedCounts = null;
            this.budget = null;
            this.epochs = epochs;
            this.samplesPerEpoch = Objects.requireNonNull(countOfEpoch, "countOfEpoch");
            return this;
        }

        /**
         * Sets the sizes by a budget: the run trains the fraction B of the {@code N * E} sample
         * visits of full-data training, spread evenly and re-planned before each epoch from what
         * was trained so far (see the class description).
         *
         * @param budget B in (0, 1), at least {@code 1 / N} (one sample per epoch)
         * @param epochs E, at least 1
         * @return this builder
         */
        public Builder setBudget(double budget, int epochs) {
            this.fixedCounts = null;
            this.budget = budget;
            this.epochs = epochs;
            this.samplesPerEpoch = epoch -> 0; // replaced by the budget's share
            return this;
        }

        /**
         * Sets how many samples an epoch not yet planned is expected to train, for energy forecasts
         * when the counts are only known as the run goes (e.g. the followed InfoBatch run's own
         * forecast); by default the dataset size. Counts given up front are their own forecast.
         *
         * @param expectedCountOfEpoch the expected sample count of an epoch (from 0)
         * @return this builder
         */
        public Builder optForecast(IntUnaryOperator expectedCountOfEpoch) {
            this.forecast = Objects.requireNonNull(expectedCountOfEpoch, "expectedCountOfEpoch");
            return this;
        }

        /**
         * Sets the seed of the policy's own random generator.
         *
         * @param seed the seed; default 42
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the policy, checking the settings.
         *
         * @return the policy
         */
        public RandomPruning build() {
            if (datasetSize < 1) {
                throw new IllegalArgumentException(
                        "Dataset size "
                                + datasetSize
                                + " is invalid: call setDatasetSize(n) with the training set's"
                                + " size, at least 1.");
            }
            if (samplesPerEpoch == null || epochs < 1) {
                throw new IllegalArgumentException(
                        "No samples per epoch were given: call setSamplesPerEpoch(...) with one"
                                + " count per epoch, or setBudget(B, epochs) with at least one"
                                + " epoch.");
            }
            if (budget != null) {
                VisitBudget.of(budget, datasetSize, epochs);
                if (budget * datasetSize < 1) {
                    throw new IllegalArgumentException(
                            "Budget B = "
                                    + budget
                                    + " is unreachable for random pruning of "
                                    + datasetSize
                                    + " samples: every epoch trains at least one sample, so B"
                                    + " must be in ["
                                    + VisitBudget.format(1.0 / datasetSize)
                                    + ", 1); raise the budget.");
                }
            }
            if (fixedCounts != null) {
                for (int e = 0; e < fixedCounts.length; e++) {
                    checkCount(e, fixedCounts[e], datasetSize);
                }
            }
            return new RandomPruning(this);
        }
    }
}
