package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;

/**
 * Distribution matching's loss for one class (Zhao and Bilen, WACV 2023): the squared Euclidean
 * distance between the mean embedding of the real batch and that of the synthetic images; the
 * iteration's loss is the sum over classes.
 */
public final class DistributionMatching {

    private DistributionMatching() {}

    /**
     * Returns {@code sum_d (mean_i real[i, d] - mean_j synthetic[j, d])^2}.
     *
     * @param real the real batch's embeddings, (n, d), without gradient
     * @param synthetic the synthetic images' embeddings, (m, d)
     * @return a 0-d array
     */
    public static NDArray classLoss(NDArray real, NDArray synthetic) {
        if (real.getShape().dimension() != 2
                || synthetic.getShape().dimension() != 2
                || real.getShape().get(1) != synthetic.getShape().get(1)) {
            throw new IllegalArgumentException(
                    "Distribution matching needs two (rows, d) embeddings of the same d, but got "
                            + real.getShape()
                            + " and "
                            + synthetic.getShape()
                            + ".");
        }
        return real.mean(new int[] {0}).sub(synthetic.mean(new int[] {0})).square().sum();
    }
}
