package dev.greentrain.dream;

/**
 * A clustering of a dataset: every sample's cluster (numbered across all classes) and its squared
 * distance to the cluster's centroid, with the members of each cluster listed nearest first.
 */
public final class ClusterAssignment {

    private final int[] clusterOf;
    private final float[] distance;
    private final int clusters;
    private final int[] starts;
    private final int[] members;

    /**
     * Creates an assignment and lists each cluster's members by distance (ties by index).
     *
     * @param clusterOf the cluster of every sample, 0 to {@code clusters - 1}
     * @param distance the squared distance of every sample to its centroid (same length)
     * @param clusters the number of clusters
     */
    public ClusterAssignment(int[] clusterOf, float[] distance, int clusters) {
        if (clusterOf.length != distance.length) {
            throw new IllegalArgumentException(
                    clusterOf.length + " cluster ids but " + distance.length + " distances.");
        }
        this.clusterOf = clusterOf;
        this.distance = distance;
        this.clusters = clusters;
        this.starts = new int[clusters + 1];
        for (int i = 0; i < clusterOf.length; i++) {
            int c = clusterOf[i];
            if (c < 0 || c >= clusters) {
                throw new IllegalArgumentException(
                        "Sample "
                                + i
                                + " is in cluster "
                                + c
                                + ", outside 0.."
                                + (clusters - 1)
                                + ".");
            }
            starts[c + 1]++;
        }
        for (int c = 0; c < clusters; c++) {
            starts[c + 1] += starts[c];
        }
        Integer[] sorted = new Integer[clusterOf.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
        }
        java.util.Arrays.sort(
                sorted,
                (a, b) -> {
                    int byCluster = Integer.compare(clusterOf[a], clusterOf[b]);
                    if (byCluster != 0) {
                        return byCluster;
                    }
                    int byDistance = Float.compare(distance[a], distance[b]);
                    return byDistance != 0 ? byDistance : Integer.compare(a, b);
                });
        this.members = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            members[i] = sorted[i];
        }
    }

    /**
     * Returns the number of samples.
     *
     * @return the dataset size
     */
    public int size() {
        return clusterOf.length;
    }

    /**
     * Returns the number of clusters, over all classes.
     *
     * @return the cluster count
     */
    public int clusters() {
        return clusters;
    }

    /**
     * Returns the cluster of a sample.
     *
     * @param index the dataset index
     * @return its cluster
     */
    public int clusterOf(int index) {
        return clusterOf[index];
    }

    /**
     * Returns the squared distance of a sample to its cluster's centroid.
     *
     * @param index the dataset index
     * @return the squared Euclidean distance
     */
    public float distance(int index) {
        return distance[index];
    }

    /**
     * Returns the number of samples in a cluster.
     *
     * @param cluster the cluster
     * @return its size
     */
    public int clusterSize(int cluster) {
        return starts[cluster + 1] - starts[cluster];
    }

    /**
     * Returns a member of a cluster, nearest to the centroid first.
     *
     * @param cluster the cluster
     * @param rank 0 for the nearest member
     * @return the member's dataset index
     */
    public int member(int cluster, int rank) {
        return members[starts[cluster] + rank];
    }

    int[] clusterArray() {
        return clusterOf;
    }
}
