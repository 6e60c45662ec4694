package dev.greentrain.randompruning;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScorelessPolicy;
import dev.greentrain.pruning.SplitMix64;

/**
 * Uniform random dynamic pruning (Raju et al. 2021): each epoch trains a fresh uniformly random
 * subset of a given size, with no loss rescaling; the fair peer of InfoBatch at the same budget.
 */
public final class RandomPruning extends ScorelessPolicy {

    private final int datasetSize;
    private final int[] samplesPerEpoch;
    private final SplitMix64 random;

    private RandomPruning(Builder builder) {
        super(builder.datasetSize);
        this.datasetSize = builder.datasetSize;
        this.samplesPerEpoch = builder.samplesPerEpoch.clone();
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
        if (epoch >= samplesPerEpoch.length) {
            throw new IllegalStateException(
                    "RandomPruning was given sample counts for "
                            + samplesPerEpoch.length
                            + " epochs and all of them are planned; give one count per epoch of"
                            + " the run.");
        }
        int size = samplesPerEpoch[epoch];
        int[] order = new int[datasetSize];
        for (int i = 0; i < datasetSize; i++) {
            order[i] = i;
        }
        random.selectPrefix(order, datasetSize, size);
        random.shuffle(order, size);
        return plan(order, size);
    }

    /** Builds a {@link RandomPruning}. */
    public static final class Builder {

        private int datasetSize;
        private int[] samplesPerEpoch;
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
            this.samplesPerEpoch = samplesPerEpoch.clone();
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
            if (samplesPerEpoch == null || samplesPerEpoch.length == 0) {
                throw new IllegalArgumentException(
                        "No samples per epoch were given: call setSamplesPerEpoch(...) with one"
                                + " count per epoch.");
            }
            for (int e = 0; e < samplesPerEpoch.length; e++) {
                if (samplesPerEpoch[e] < 1 || samplesPerEpoch[e] > datasetSize) {
                    throw new IllegalArgumentException(
                            "Epoch "
                                    + e
                                    + " asks for "
                                    + samplesPerEpoch[e]
                                    + " samples, expected 1.."
                                    + datasetSize
                                    + " (the dataset size); give counts within the dataset.");
                }
            }
            return new RandomPruning(this);
        }
    }
}
