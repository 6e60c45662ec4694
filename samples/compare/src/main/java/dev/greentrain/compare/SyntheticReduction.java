package dev.greentrain.compare;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScorelessPolicy;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.reduction.Fraction;
import dev.greentrain.reduction.LabelledFeatures;
import dev.greentrain.reduction.ReducedDataset;
import dev.greentrain.reduction.ReductionFeatures;
import dev.greentrain.reduction.Representativeness;
import dev.greentrain.reduction.Selection;
import dev.greentrain.reduction.SelectionMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A static reduction to synthetic points (CLC's centroids) as an arm's policy. Its first planned
 * epoch is the arm's method phase: it reads the features (the embedding pass counted as method
 * passes), runs the {@link SelectionMethod} once, measures epsilon on the same features (the
 * synthetic points as they are), builds the synthetic samples through {@link ReducedDataset} (each
 * the float32 mean of its members' inputs, with their label), copies them into memory and replaces
 * the arm's training set by them. Every epoch then trains all of them in a fresh seeded order.
 *
 * <p>The policy is built for the original's size, so every epoch counts the full-data samples it
 * does not train as saved, as a pruned epoch does.
 */
final class SyntheticReduction extends ScorelessPolicy {

    private final ReplaceableTrainingSet trainingSet;
    private final SelectionMethod method;
    private final double fraction;
    private final ReductionFeatures features;
    private final long seed;
    private final NDManager manager;
    private final SplitMix64 random;
    private Selection selection;
    private double epsilon = Double.NaN;

    /**
     * Creates the policy of one arm.
     *
     * @param method the rule that returns synthetic points
     * @param fraction the fraction p, in (0, 1]
     * @param features what the method selects from and epsilon is measured on
     * @param context the arm, whose training set is replaced and whose model embeds and owns the
     *     synthetic samples
     */
    SyntheticReduction(
            SelectionMethod method,
            double fraction,
            SelectionFeatures features,
            ArmContext context) {
        super(context.datasetSize());
        this.trainingSet = context.replaceableTrain();
        this.method = method;
        this.fraction = Fraction.check(fraction);
        this.features = new ReductionFeatures(features.embedder(context), features.scaling());
        this.seed = context.seed();
        this.manager = context.model().getNDManager();
        this.random = new SplitMix64(seed ^ 0x5DEECE66DL);
    }

    /** {@inheritDoc} */
    @Override
    public EpochPlan nextEpoch() {
        if (selection == null) {
            RandomAccessDataset original = trainingSet.original();
            LabelledFeatures read = features.read(original);
            Selection chosen = method.select(read, fraction, seed);
            epsilon = Representativeness.epsilon(read, chosen);
            TrainingSetSettings settings = TrainingSetSettings.of(original);
            ReducedDataset reduced =
                    settings.applyTo(ReducedDataset.builder())
                            .setOriginal(original)
                            .setSelection(chosen)
                            .build();
            try {
                trainingSet.replace(InMemoryCopy.of(reduced, settings, manager));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            selection = chosen;
        }
        int size = selection.size();
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        random.shuffle(order, size);
        return plan(order, size);
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
     * Returns the synthetic points, once the first epoch was planned.
     *
     * @return the selection, or null before
     */
    Selection getSelection() {
        return selection;
    }

    /**
     * Returns epsilon-representativeness of the synthetic points on the features they were made
     * from.
     *
     * @return epsilon, empty before the first epoch was planned
     */
    OptionalDouble getEpsilon() {
        return selection == null ? OptionalDouble.empty() : OptionalDouble.of(epsilon);
    }
}
