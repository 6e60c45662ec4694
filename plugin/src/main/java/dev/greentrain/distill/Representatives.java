package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.KMeans;
import dev.greentrain.pruning.SplitMix64;

/**
 * DREAM's representative selection for one class: embed every real sample of the class with the
 * current network (no augmentation), run k-means, and keep, for every centroid, the real sample
 * nearest to it (over all of the class's samples, as the authors do: two centroids may keep the
 * same sample).
 */
final class Representatives {

    /** Samples embedded per forward pass. */
    static final int EMBEDDING_CHUNK = 500;

    private Representatives() {}

    /**
     * Returns the dataset indices of the k representatives of a class.
     *
     * @param manager the manager for temporaries
     * @param data the real data
     * @param c the class
     * @param k the number of representatives (clamped to the class size)
     * @param embedder the current network's feature extractor
     * @param random the k-means seeding generator
     * @return k dataset indices
     */
    static int[] select(
            NDManager manager,
            LabelledImages data,
            int c,
            int k,
            Embedder embedder,
            SplitMix64 random) {
        int[] members = data.ofClass(c);
        int clusters = Math.min(k, members.length);
        float[] rows;
        int dim;
        try (NDManager scope = manager.newSubManager()) {
            NDList parts = new NDList();
            for (int start = 0; start < members.length; start += EMBEDDING_CHUNK) {
                int end = Math.min(members.length, start + EMBEDDING_CHUNK);
                int[] chunk = java.util.Arrays.copyOfRange(members, start, end);
                parts.add(embedder.embed(new NDList(data.gather(scope, chunk))));
            }
            NDArray embedding = ai.djl.ndarray.NDArrays.concat(parts);
            dim = (int) embedding.getShape().get(1);
            rows = embedding.toFloatArray();
        }
        KMeans.Result result =
                KMeans.cluster(
                        manager,
                        rows,
                        members.length,
                        dim,
                        clusters,
                        KMeans.DEFAULT_ITERATIONS,
                        random);
        int[] nearest = nearest(manager, rows, members.length, dim, result.centroids(), clusters);
        int[] indices = new int[clusters];
        for (int j = 0; j < clusters; j++) {
            indices[j] = members[nearest[j]];
        }
        return indices;
    }

    /**
     * Returns, for every centroid, the row nearest to it in Euclidean distance (the lowest row on a
     * tie).
     *
     * @param manager the manager for temporaries
     * @param rows the rows, row-major n x dim
     * @param n the number of rows
     * @param dim the dimension
     * @param centroids the centroids, row-major k x dim
     * @param k the number of centroids
     * @return k row numbers
     */
    static int[] nearest(
            NDManager manager, float[] rows, int n, int dim, float[] centroids, int k) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(rows, new Shape(n, dim));
            NDArray c = scope.create(centroids, new Shape(k, dim));
            NDArray distance =
                    c.matMul(x.transpose())
                            .mul(-2f)
                            .add(x.square().sum(new int[] {1}).reshape(1, n))
                            .add(c.square().sum(new int[] {1}).reshape(k, 1));
            long[] picks = distance.argMin(1).toLongArray();
            int[] result = new int[k];
            for (int j = 0; j < k; j++) {
                result[j] = (int) picks[j];
            }
            return result;
        }
    }
}
