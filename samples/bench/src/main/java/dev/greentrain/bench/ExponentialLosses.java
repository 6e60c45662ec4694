package dev.greentrain.bench;

import dev.greentrain.pruning.PruningPolicy;
import java.util.SplittableRandom;

/** The benchmarks' made-up losses: exponential, most samples well-learned and a long hard tail. */
final class ExponentialLosses {

    private ExponentialLosses() {}

    /**
     * Records one exponential loss (mean 1, fixed seed) for every sample of a policy.
     *
     * @param policy the policy
     */
    static void recordAll(PruningPolicy policy) {
        int samples = policy.getDatasetSize();
        SplittableRandom random = new SplittableRandom(1);
        long[] indices = new long[samples];
        float[] losses = new float[samples];
        for (int i = 0; i < samples; i++) {
            indices[i] = i;
            losses[i] = (float) -Math.log(1 - random.nextDouble());
        }
        policy.recordLosses(indices, losses);
    }
}
