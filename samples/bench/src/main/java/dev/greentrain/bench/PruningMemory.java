package dev.greentrain.bench;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.PruningPolicy;

/** Measures the heap a pruning policy (InfoBatch, SeTa, OrderDP) keeps per sample. */
public final class PruningMemory {

    private PruningMemory() {}

    /**
     * Prints the retained heap per sample for a policy of the given size once an epoch is planned.
     *
     * @param args optionally the dataset size (default 10,000,000) and the policy: infobatch
     *     (default), seta, orderdp or loss-sampling
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        String name = args.length > 1 ? args[1] : "infobatch";
        long before = usedHeap();
        PruningPolicy policy =
                name.equals("infobatch")
                        ? InfoBatch.builder()
                                .setDatasetSize(samples)
                                .setEpochs(10)
                                .optDelta(1.0)
                                .build()
                        : ScoredPolicyDecisionBenchmark.create(name, samples);
        long[] index = new long[1];
        float[] loss = new float[1];
        for (int i = 0; i < samples; i++) {
            index[0] = i;
            loss[0] = (i % 100) / 10f;
            policy.recordLosses(index, loss);
        }
        policy.nextEpoch();
        EpochPlan plan = policy.nextEpoch();
        long after = usedHeap();
        System.out.printf(
                "%s state for %,d samples (epoch of %,d planned): %.2f bytes per sample"
                        + " retained%n",
                name, samples, plan.size(), (after - before) / (double) samples);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
