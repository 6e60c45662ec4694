package dev.greentrain.reduction;

import ai.djl.ndarray.NDManager;
import dev.greentrain.dream.KMeans;
import dev.greentrain.pruning.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * CLC, clustering centroids: per class, k-means with {@code k = floor(p * n_c)} (k-means++ and up
 * to {@link KMeans#DEFAULT_ITERATIONS} Lloyd updates, seeded); every non-empty cluster becomes one
 * synthetic point, the mean of its members, with the class label.
 *
 * <p>How a synthetic point trains: {@link ReducedDataset} serves it as the element-wise mean of its
 * members' <em>inputs</em> with the class label. On raw-input features that mean is exactly the
 * centroid; on a model's embeddings the clusters are formed in embedding space and the input mean
 * is the training sample (an embedding cannot be fed to the model).
 */
public final class ClusterCentroids implements SelectionMethod {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "CLC";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        ClassMembers classes = features.classes();
        int[] kept = classes.keptPerClass(fraction, name());
        SplitMix64 random = new SplitMix64(seed);
        int dim = features.dim();
        List<int[]> groups = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int c = 0; c < classes.count(); c++) {
                int[] members = classes.members(c);
                float[] rows = new float[members.length * dim];
                for (int i = 0; i < members.length; i++) {
                    System.arraycopy(features.data(), members[i] * dim, rows, i * dim, dim);
                }
                KMeans.Result result =
                        KMeans.cluster(
                                manager,
                                rows,
                                members.length,
                                dim,
                                kept[c],
                                KMeans.DEFAULT_ITERATIONS,
                                random);
                groups.addAll(groupsOf(result.assignment(), members, kept[c]));
            }
        }
        return Selection.ofGroups(groups.toArray(new int[0][]), features);
    }

    /**
     * Turns an assignment into the members of every non-empty cluster.
     *
     * @param assignment the cluster of every member position
     * @param members the samples, by position
     * @param k the number of clusters
     * @return the non-empty clusters' samples, ascending, in cluster order
     */
    static List<int[]> groupsOf(int[] assignment, int[] members, int k) {
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        int[][] groups = new int[k][];
        for (int g = 0; g < k; g++) {
            groups[g] = new int[sizes[g]];
        }
        int[] filled = new int[k];
        for (int i = 0; i < assignment.length; i++) {
            groups[assignment[i]][filled[assignment[i]]++] = members[i];
        }
        List<int[]> nonEmpty = new ArrayList<>();
        for (int[] group : groups) {
            if (group.length > 0) {
                nonEmpty.add(group);
            }
        }
        return nonEmpty;
    }
}
