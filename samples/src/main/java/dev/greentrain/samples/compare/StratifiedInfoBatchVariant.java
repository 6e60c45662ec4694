package dev.greentrain.samples.compare;

import dev.greentrain.dream.StratifiedInfoBatch;
import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Optional;

/**
 * InfoBatch whose kept well-learned samples are drawn per k-means cluster of the model's features,
 * each cluster rescaled on its own; compared with plain InfoBatch.
 */
public final class StratifiedInfoBatchVariant implements Variant {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "stratified-infobatch";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "Stratified InfoBatch";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "InfoBatch with the kept well-learned samples drawn per k-means cluster and"
                + " rescaled per cluster; embedding passes counted.";
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
        return List.of(new PeerPair(name(), "infobatch"));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(VariantContext context) {
        return Optional.of(
                StratifiedInfoBatch.of(
                        context.settings().infoBatch().setEpochs(context.epochs()),
                        context.featureClustering()));
    }
}
