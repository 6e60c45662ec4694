package dev.greentrain.distill;

/** How each class's real batch is chosen in every distillation iteration. */
public enum RealBatchSampler {
    /** A uniform random batch of the class, drawn anew every iteration (DM's rule). */
    RANDOM,
    /**
     * DREAM's representatives: k-means per class on the current network's features with k = the
     * batch size, the real sample nearest every centroid, re-clustered every interval iterations.
     */
    DREAM
}
