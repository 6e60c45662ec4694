package dev.greentrain.compare;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.dream.DatasetEmbedding;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.reduction.ClassMembers;
import dev.greentrain.reduction.SelectionMethod;
import dev.greentrain.reduction.StaticReduction;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A static data reduction (Toscano-Duran et al.): before the first epoch, a fraction p of the
 * training set is selected once by a {@link SelectionMethod} from the {@link SelectionFeatures}
 * (raw inputs or the network's embedding), and every epoch trains that subset; the embedding pass
 * and the selection are the method phase (its time, energy and forward passes); the run records
 * epsilon-representativeness on the same features. Its peer is a fresh random subset of the same
 * fraction per epoch.
 *
 * <p>A method that returns synthetic points (CLC, {@link #synthetic}) trains them instead of a
 * subset: the method phase also builds them (each the float32 mean of its members' inputs, with
 * their label) and the arm trains them every epoch ({@link SyntheticTrainingSet}).
 */
public final class StaticReductionVariant implements Variant {

    private final SelectionMethod method;
    private final String rule;
    private final double fraction;
    private final SelectionFeatures features;
    private final RandomBudgetVariant peer;
    private final boolean synthetic;

    /**
     * Creates the variant selecting from the raw inputs.
     *
     * @param method the selection rule
     * @param rule the rule in a few words, for the report
     * @param fraction the kept fraction p, in (0, 1]
     * @param peer the random subset of the same budget it is compared with
     */
    public StaticReductionVariant(
            SelectionMethod method, String rule, double fraction, RandomBudgetVariant peer) {
        this(method, rule, fraction, SelectionFeatures.RAW, peer);
    }

    /**
     * Creates the variant.
     *
     * @param method the selection rule
     * @param rule the rule in a few words, for the report
     * @param fraction the kept fraction p, in (0, 1]
     * @param features what the method selects from and epsilon is measured on
     * @param peer the random subset of the same budget it is compared with
     */
    public StaticReductionVariant(
            SelectionMethod method,
            String rule,
            double fraction,
            SelectionFeatures features,
            RandomBudgetVariant peer) {
        this(method, rule, fraction, features, peer, false);
    }

    private StaticReductionVariant(
            SelectionMethod method,
            String rule,
            double fraction,
            SelectionFeatures features,
            RandomBudgetVariant peer,
            boolean synthetic) {
        this.method = method;
        this.rule = rule;
        this.fraction = Budgets.check(fraction);
        this.features = Objects.requireNonNull(features, "features");
        this.peer = peer;
        this.synthetic = synthetic;
    }

    /**
     * Creates the variant of a method that returns synthetic points (CLC): the arm trains the
     * points, not a subset of the training set.
     *
     * @param method the rule, e.g. {@code new ClusterCentroids()}
     * @param rule the rule in a few words, for the report
     * @param fraction the fraction p, in (0, 1]
     * @param features what the method clusters and epsilon is measured on
     * @param peer the random subset of the same budget it is compared with
     * @return the variant
     */
    public static StaticReductionVariant synthetic(
            SelectionMethod method,
            String rule,
            double fraction,
            SelectionFeatures features,
            RandomBudgetVariant peer) {
        return new StaticReductionVariant(method, rule, fraction, features, peer, true);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return method.name().toLowerCase(Locale.ROOT);
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return method.name() + " (static)";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return (synthetic
                        ? "About "
                                + Budgets.percent(fraction)
                                + " of the data as synthetic points (each the mean of its"
                                + " members' inputs, with their label) made once before training"
                                + " from "
                        : "A static "
                                + Budgets.percent(fraction)
                                + " of the data selected once before training from ")
                + features.describe()
                + " ("
                + rule
                + "), trained every epoch.";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new TreeMap<>(features.parameters());
        parameters.put("--budget", String.valueOf(fraction));
        return Map.copyOf(parameters);
    }

    /** {@inheritDoc} */
    @Override
    public OptionalDouble budget() {
        return OptionalDouble.of(fraction);
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(this, peer));
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Double> measures(PruningPolicy policy) {
        if (policy instanceof StaticReduction reduction && reduction.getEpsilon().isPresent()) {
            return Map.of("epsilon", reduction.getEpsilon().getAsDouble());
        }
        return Map.of();
    }

    /**
     * Refuses, for synthetic points, a training set with a class too small for one point at p
     * (k-means with {@code floor(p * n_c)} clusters needs at least one).
     */
    @Override
    public void checkTrainingSet(RandomAccessDataset train) throws IOException, TranslateException {
        if (!synthetic) {
            return;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassMembers.of(DatasetEmbedding.readLabels(manager, train))
                    .keptPerClass(fraction, method.name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Variant "
                            + name()
                            + " cannot run at --budget="
                            + fraction
                            + " (its p): "
                            + e.getMessage()
                            + " Raise --budget.",
                    e);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        StaticReduction.Builder reduction =
                StaticReduction.builder()
                        .setDataset(context.train())
                        .setMethod(method)
                        .optEmbedder(features.embedder(context))
                        .optScaling(features.scaling())
                        .optFraction(fraction)
                        .optSeed(context.seed());
        if (synthetic) {
            reduction.optSyntheticTarget(new SyntheticTrainingSet(context));
        }
        return Optional.of(reduction.build());
    }
}
