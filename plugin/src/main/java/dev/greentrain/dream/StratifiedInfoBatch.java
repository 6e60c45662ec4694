package dev.greentrain.dream;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.KeptSelection;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.pruning.SplitMix64;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * InfoBatch whose kept well-learned samples are drawn cluster by cluster instead of uniformly (this
 * project's extension), so that every cluster of every class stays represented.
 *
 * <p>Everything else is InfoBatch: the threshold is the mean score, samples at or above it and
 * unscored ones are always trained, non-finite losses unscore a sample, and pruning stops at {@code
 * floor(delta * E)}. In a pruning epoch, a cluster with {@code m_c > 0} well-learned samples keeps
 * {@code k_c = max(1, floor((1 - r) * m_c))} of them, uniformly at random inside the cluster, each
 * with weight {@code m_c / k_c}. So the expected weighted loss of the cluster's well-learned
 * samples equals their full sum exactly (no rounding bias: the weight uses the actual kept count),
 * and the estimate's variance only comes from the spread of losses inside each cluster, not between
 * clusters. The "at least one" rule keeps small clusters represented, at the price of keeping
 * slightly more than InfoBatch when clusters are small.
 *
 * <p>The clustering is only computed in epochs that actually prune (not in epoch 0, whose samples
 * are unscored, nor in the annealing tail), and then reused for {@code interval} epochs. A
 * stratified pruner cannot be saved.
 */
public final class StratifiedInfoBatch implements PruningPolicy {

    private final InfoBatch infoBatch;
    private final ClusterSource clusters;

    private StratifiedInfoBatch(InfoBatch.Builder settings, ClusterSource clusters) {
        this.clusters = clusters;
        this.infoBatch =
                settings.setDatasetSize(clusters.getDatasetSize())
                        .optKeptSelection(new PerCluster(clusters))
                        .build();
    }

    /**
     * Creates a stratified InfoBatch.
     *
     * @param settings InfoBatch's settings (epochs required; prune ratio, delta, seed optional);
     *     the dataset size is taken from the clusters
     * @param clusters where the clustering comes from, normally a {@link Clustering}
     * @return the pruner
     */
    public static StratifiedInfoBatch of(InfoBatch.Builder settings, ClusterSource clusters) {
        return new StratifiedInfoBatch(settings, clusters);
    }

    /**
     * Returns the InfoBatch this pruner runs (its scores, epochs and settings).
     *
     * @return the underlying pruner
     */
    public InfoBatch getInfoBatch() {
        return infoBatch;
    }

    /** {@inheritDoc} */
    @Override
    public int getDatasetSize() {
        return infoBatch.getDatasetSize();
    }

    /** {@inheritDoc} */
    @Override
    public EpochPlan nextEpoch() {
        return infoBatch.nextEpoch();
    }

    /** {@inheritDoc} InfoBatch's forecast: its clusters change which samples, not how many. */
    @Override
    public int[] getPlannedSamples(int totalEpochs) {
        return infoBatch.getPlannedSamples(totalEpochs);
    }

    /** {@inheritDoc} */
    @Override
    public void recordLosses(long[] indices, float[] losses) {
        infoBatch.recordLosses(indices, losses);
    }

    /** {@inheritDoc} */
    @Override
    public void completeEpoch(EpochStats trained) {
        infoBatch.completeEpoch(trained);
    }

    /** {@inheritDoc} */
    @Override
    public void abortEpoch() {
        infoBatch.abortEpoch();
    }

    /** {@inheritDoc} */
    @Override
    public List<EpochStats> getEpochStats() {
        return infoBatch.getEpochStats();
    }

    /** {@inheritDoc} */
    @Override
    public void forEachScore(DoubleConsumer consumer) {
        infoBatch.forEachScore(consumer);
    }

    /** {@inheritDoc} */
    @Override
    public long getSamplerForwardPasses() {
        return clusters.getForwardPasses();
    }

    /** The per-cluster selection plugged into InfoBatch. */
    private record PerCluster(ClusterSource clusters) implements KeptSelection {

        @Override
        public long forwardPasses() {
            return clusters.getForwardPasses();
        }

        @Override
        public Kept select(
                int epoch, int[] candidates, int count, double pruneRatio, SplitMix64 random) {
            ClusterAssignment assignment = clusters.assignmentFor(epoch);
            int[] clusterOf = assignment.clusterArray();
            int clusterCount = assignment.clusters();
            int[] starts = new int[clusterCount + 1];
            for (int i = 0; i < count; i++) {
                starts[clusterOf[candidates[i]] + 1]++;
            }
            for (int c = 0; c < clusterCount; c++) {
                starts[c + 1] += starts[c];
            }
            int[] grouped = new int[count];
            int[] fill = starts.clone();
            for (int i = 0; i < count; i++) {
                grouped[fill[clusterOf[candidates[i]]]++] = candidates[i];
            }
            float[] weights = new float[clusterCount];
            int kept = 0;
            for (int c = 0; c < clusterCount; c++) {
                int m = starts[c + 1] - starts[c];
                if (m == 0) {
                    continue;
                }
                int keep = Math.max(1, (int) Math.floor((1.0 - pruneRatio) * m + 1e-9));
                random.selectPrefix(grouped, starts[c], m, keep);
                System.arraycopy(grouped, starts[c], candidates, kept, keep);
                kept += keep;
                weights[c] = (float) ((double) m / keep);
            }
            float mean = kept == 0 ? 1f : (float) ((double) count / kept);
            return new Kept(kept, index -> weights[clusterOf[(int) index]], mean);
        }

        @Override
        public String toString() {
            return "StratifiedInfoBatch's per-cluster selection";
        }
    }
}
