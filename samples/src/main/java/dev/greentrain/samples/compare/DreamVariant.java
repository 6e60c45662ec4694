package dev.greentrain.samples.compare;

import dev.greentrain.dream.DreamSampler;
import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DREAM representative sampling at the comparison's budget: per class, k-means on the model's
 * features, each cluster's quota filled nearest the centroid or uniformly inside the cluster.
 */
public final class DreamVariant implements Variant {

    private final DreamSampler.Selection selection;

    /**
     * Creates the variant for one way of filling a cluster's quota.
     *
     * @param selection nearest the centroid (DREAM) or uniformly inside the cluster (stratified)
     */
    public DreamVariant(DreamSampler.Selection selection) {
        this.selection = selection;
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
        return selection == DreamSampler.Selection.NEAREST
                ? "A budget fraction of the data per epoch: per class, k-means on the model's"
                        + " features, each cluster's quota filled with the samples nearest its"
                        + " centroid; embedding passes counted."
                : "A budget fraction of the data per epoch: per class, k-means on the model's"
                        + " features, each cluster's quota drawn uniformly inside it; embedding"
                        + " passes counted.";
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesClustering() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesBudget() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(name(), "random-budget"));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(VariantContext context) {
        return Optional.of(
                DreamSampler.builder()
                        .setClusters(context.featureClustering())
                        .optBudget(context.shared().budget())
                        .optSelection(selection)
                        .optSeed(context.settings().seed())
                        .build());
    }
}
