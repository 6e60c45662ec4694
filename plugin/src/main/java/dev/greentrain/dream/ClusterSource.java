package dev.greentrain.dream;

/** Where a sampler gets the clustering of its dataset for an epoch. */
public interface ClusterSource {

    /**
     * Returns the number of samples clustered.
     *
     * @return the dataset size
     */
    int getDatasetSize();

    /**
     * Returns the clustering to use in an epoch, computing a new one when it is due.
     *
     * @param epoch the epoch, from 0, never decreasing between calls
     * @return the clustering
     */
    ClusterAssignment assignmentFor(int epoch);

    /**
     * Returns the forward passes (in samples) clustering has cost so far.
     *
     * @return the embedding forward passes; 0 when no model runs
     */
    default long getForwardPasses() {
        return 0;
    }

    /**
     * Returns a source that always gives the same clusters, e.g. computed by the user beforehand;
     * every distance is 0, so the nearest members of a cluster are its lowest indices.
     *
     * @param clusterOf the cluster of every sample, 0 to {@code clusters - 1}
     * @param clusters the number of clusters
     * @return the fixed source
     */
    static ClusterSource fixed(int[] clusterOf, int clusters) {
        return of(new ClusterAssignment(clusterOf.clone(), new float[clusterOf.length], clusters));
    }

    /**
     * Returns a source that always gives the same assignment.
     *
     * @param assignment the assignment, with the distances nearest-first selection uses
     * @return the fixed source
     */
    static ClusterSource of(ClusterAssignment assignment) {
        return new ClusterSource() {
            @Override
            public int getDatasetSize() {
                return assignment.size();
            }

            @Override
            public ClusterAssignment assignmentFor(int epoch) {
                return assignment;
            }
        };
    }
}
