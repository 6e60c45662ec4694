package dev.greentrain.distill;

/** Where the synthetic images start. */
public enum SyntheticInitialisation {
    /** Distinct real images of the class drawn uniformly at random (DM's {@code init=real}). */
    RANDOM_REAL,
    /**
     * DREAM's k-means representatives: k-means per class with k = images per class on a freshly
     * initialised network's features, the real sample nearest every centroid.
     */
    KMEANS
}
