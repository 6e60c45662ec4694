package dev.greentrain.compare;

import dev.greentrain.dream.StratifiedInfoBatch;
import dev.greentrain.pruning.PruningPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * InfoBatch with the kept well-learned samples drawn per k-means cluster and rescaled per cluster;
 * its peer is plain InfoBatch.
 */
public final class StratifiedInfoBatchVariant implements Variant {

    private final InfoBatchVariant infoBatch;
    private final int clustersPerClass;
    private final int reclusterInterval;

    /**
     * Creates the variant.
     *
     * @param infoBatch the InfoBatch settings it shares, and its peer
     * @param clustersPerClass the k-means clusters per class, at least 1
     * @param reclusterInterval the epochs between two clusterings, at least 1
     */
    public StratifiedInfoBatchVariant(
            InfoBatchVariant infoBatch, int clustersPerClass, int reclusterInterval) {
        this.infoBatch = infoBatch;
        this.clustersPerClass = ClusteringSettings.checkClusters(clustersPerClass);
        this.reclusterInterval = ClusteringSettings.checkInterval(reclusterInterval);
    }

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
                + " rescaled per cluster; embedding passes counted as the method's own.";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new HashMap<>(infoBatch.parameters());
        parameters.put("--clusters", String.valueOf(clustersPerClass));
        parameters.put("--recluster-interval", String.valueOf(reclusterInterval));
        return Map.copyOf(parameters);
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesClustering() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(this, infoBatch));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.of(
                StratifiedInfoBatch.of(
                        infoBatch.builder().optSeed(context.seed()).setEpochs(context.epochs()),
                        context.featureClustering(clustersPerClass, reclusterInterval)));
    }
}
