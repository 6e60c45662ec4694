package dev.greentrain.reduction;

import ai.djl.training.dataset.RandomAccessDataset;
import dev.greentrain.dream.Embedder;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScorelessPolicy;
import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * A static reduction as a pruning policy, so that {@code PrunedTraining} and the A/B engine train
 * on it: the first planned epoch reads the features (the embedding pass counted as method passes),
 * runs the {@link SelectionMethod} once and measures epsilon; every epoch then trains the same
 * subset in a fresh seeded order. Synthetic points (CLC) are no subset of the training set: with a
 * {@link SyntheticTarget} the policy hands them over once (it makes them the training set) and then
 * trains all of them every epoch; without one it refuses them.
 */
public final class StaticReduction extends ScorelessPolicy {

    private final RandomAccessDataset dataset;
    private final SelectionMethod method;
    private final ReductionFeatures features;
    private final double fraction;
    private final long seed;
    private final SplitMix64 random;
    private final SyntheticTarget syntheticTarget;
    private Selection selection;
    private double epsilon = Double.NaN;

    private StaticReduction(Builder builder) {
        super(Math.toIntExact(builder.dataset.size()));
        this.dataset = builder.dataset;
        this.method = builder.method;
        this.features = new ReductionFeatures(builder.embedder, builder.scaling);
        this.fraction = builder.fraction;
        this.seed = builder.seed;
        this.random = new SplitMix64(builder.seed ^ 0x5DEECE66DL);
        this.syntheticTarget = builder.syntheticTarget;
    }

    /** Where synthetic points go: it makes them, in selection order, the set that trains. */
    @FunctionalInterface
    public interface SyntheticTarget {
        /**
         * Makes the synthetic points the training set.
         *
         * @param original the training set they were selected from
         * @param synthetic the selection, {@link Selection#isSynthetic()}
         */
        void train(RandomAccessDataset original, Selection synthetic);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public EpochPlan nextEpoch() {
        if (selection == null) {
            LabelledFeatures read = features.read(dataset);
            Selection chosen = method.select(read, fraction, seed);
            if (chosen.isSynthetic() && syntheticTarget == null) {
                throw new IllegalStateException(
                        method.name()
                                + " returns synthetic points, not a subset of the training set:"
                                + " build the policy with optSyntheticTarget(...) or train them"
                                + " with ReducedDataset.builder().setSelection(...).");
            }
            epsilon = Representativeness.epsilon(read, chosen);
            if (chosen.isSynthetic()) {
                syntheticTarget.train(dataset, chosen);
            }
            selection = chosen;
        }
        // synthetic points are the new training set's samples 0..M-1
        int[] order =
                selection.isSynthetic()
                        ? IntStream.range(0, selection.size()).toArray()
                        : selection.indices();
        random.shuffle(order, order.length);
        return plan(order, order.length);
    }

    /** {@inheritDoc} */
    @Override
    public long getSamplerForwardPasses() {
        return features.getForwardPasses();
    }

    /** {@inheritDoc} */
    @Override
    public int[] getPlannedSamples(int totalEpochs) {
        int[] counts = new int[Math.max(0, totalEpochs - getEpochStats().size())];
        Arrays.fill(
                counts,
                selection != null ? selection.size() : Fraction.of(fraction, getDatasetSize()));
        return counts;
    }

    /**
     * Returns the selection, once the first epoch was planned.
     *
     * @return the selection, or null before
     */
    public Selection getSelection() {
        return selection;
    }

    /**
     * Returns epsilon-representativeness of the selection on the features it was made from.
     *
     * @return epsilon, empty before the first epoch was planned
     */
    public OptionalDouble getEpsilon() {
        return selection == null ? OptionalDouble.empty() : OptionalDouble.of(epsilon);
    }

    /**
     * The builder: dataset and method required; raw inputs, unscaled, p = 0.5 and seed 0 by
     * default.
     */
    public static final class Builder extends PolicyBuilder<Builder> {

        private SelectionMethod method;
        private Embedder embedder = Embedder.rawInput();
        private FeatureScaling scaling = FeatureScaling.NONE;
        private SyntheticTarget syntheticTarget;

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the reduction rule.
         *
         * @param method e.g. {@code new StratifiedRandom()}
         * @return this builder
         */
        public Builder setMethod(SelectionMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the features selected from.
         *
         * @param embedder raw inputs by default; {@code Embedder.features(block)} for a model's
         * @return this builder
         */
        public Builder optEmbedder(Embedder embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder");
            return this;
        }

        /**
         * Sets how the features are scaled before the method selects and epsilon is measured.
         *
         * @param scaling {@link FeatureScaling#NONE} by default; {@link FeatureScaling#UNIT_NORM}
         *     puts any model's embedding on one scale
         * @return this builder
         */
        public Builder optScaling(FeatureScaling scaling) {
            this.scaling = Objects.requireNonNull(scaling, "scaling");
            return this;
        }

        /**
         * Sets where a method's synthetic points (CLC) go; without it such a method is refused when
         * it selects.
         *
         * @param target makes the synthetic points the training set
         * @return this builder
         */
        public Builder optSyntheticTarget(SyntheticTarget target) {
            this.syntheticTarget = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if the dataset or method is missing or p is outside (0,
         *     1]
         */
        public StaticReduction build() {
            checkShared("setMethod(method)", method != null);
            return new StaticReduction(this);
        }
    }
}
