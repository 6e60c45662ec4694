package dev.greentrain.bench;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.pruning.EpochPlan;

/** Measures the heap InfoBatch keeps per sample once an epoch is planned. */
public final class PruningMemory {

    private PruningMemory() {}

    /**
     * Prints the retained heap per sample for a pruner of the given size.
     *
     * @param args optionally the dataset size (default 10,000,000)
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        long before = usedHeap();
        InfoBatch infoBatch =
                InfoBatch.builder().setDatasetSize(samples).setEpochs(10).optDelta(1.0).build();
        long[] index = new long[1];
        float[] loss = new float[1];
        for (int i = 0; i < samples; i++) {
            index[0] = i;
            loss[0] = (i % 100) / 10f;
            infoBatch.recordLosses(index, loss);
        }
        infoBatch.nextEpoch();
        EpochPlan plan = infoBatch.nextEpoch();
        long after = usedHeap();
        System.out.printf(
                "InfoBatch state for %,d samples (epoch of %,d planned): %.2f bytes per sample"
                        + " retained%n",
                samples, plan.size(), (after - before) / (double) samples);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
