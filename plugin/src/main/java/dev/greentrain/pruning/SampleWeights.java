package dev.greentrain.pruning;

/** The loss weight of every sample of the dataset in one epoch. */
@FunctionalInterface
public interface SampleWeights {

    /** Weights for an epoch without rescaling: every sample has weight 1. */
    SampleWeights ONE = index -> 1f;

    /**
     * Returns the loss weight of a sample.
     *
     * @param index the dataset index of the sample
     * @return the weight its per-sample loss is multiplied by
     */
    float weightOf(long index);
}
