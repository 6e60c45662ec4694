package dev.greentrain.compare;

import dev.greentrain.dream.DreamSampler;
import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * DREAM representative sampling at a budget, clustering each class on the model's features; its
 * peer is a random subset of the same budget.
 */
public final class DreamVariant implements Variant {

    private final DreamSampler.Selection selection;
    private final RandomBudgetVariant peer;
    private final double budget;
    private final int clustersPerClass;
    private final int reclusterInterval;

    /**
     * Creates the sampler.
     *
     * @param selection how each cluster's quota is filled
     * @param peer the random subset of the same budget it is compared with
     * @param budget the fraction of the data trained per epoch, in (0, 1]
     * @param clustersPerClass the k-means clusters per class, at least 1
     * @param reclusterInterval the epochs between two clusterings, at least 1
     */
    public DreamVariant(
            DreamSampler.Selection selection,
            RandomBudgetVariant peer,
            double budget,
            int clustersPerClass,
            int reclusterInterval) {
        this.selection = selection;
        this.peer = peer;
        this.budget = Budgets.check(budget);
        this.clustersPerClass = ClusteringSettings.checkClusters(clustersPerClass);
        this.reclusterInterval = ClusteringSettings.checkInterval(reclusterInterval);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "dream-" + selection.name().toLowerCase(Locale.ROOT);
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return selection == DreamSampler.Selection.NEAREST
                ? "DREAM (nearest)"
                : "DREAM (stratified)";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "A budget of "
                + Budgets.percent(budget)
                + " of the data per epoch: per class, k-means on the model's features, each"
                + " cluster's quota "
                + (selection == DreamSampler.Selection.NEAREST
                        ? "filled with the samples nearest its centroid"
                        : "drawn uniformly inside it")
                + "; embedding passes counted as the method's own.";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        return ClusteringSettings.parameters(budget, clustersPerClass, reclusterInterval);
    }

    /** {@inheritDoc} */
    @Override
    public OptionalDouble budget() {
        return OptionalDouble.of(budget);
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesClustering() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(this, peer));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.of(
                DreamSampler.builder()
                        .setClusters(context.featureClustering(clustersPerClass, reclusterInterval))
                        .optBudget(budget)
                        .optSelection(selection)
                        .optSeed(context.seed())
                        .build());
    }
}
