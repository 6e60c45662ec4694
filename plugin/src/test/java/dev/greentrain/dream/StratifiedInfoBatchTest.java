package dev.greentrain.dream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.InfoBatchDetails;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.PruningPolicy;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StratifiedInfoBatchTest {

    private static final int CLUSTERS = 5;

    /** Cluster c holds samples with index % 5 == c; cluster 4 is the hard one (never pruned). */
    private static int[] clusters(int size) {
        int[] clusterOf = new int[size];
        Arrays.setAll(clusterOf, i -> i % CLUSTERS);
        return clusterOf;
    }

    /** Losses whose level depends on the cluster: 0.1, 0.4, 0.7, 1.0 (+ noise) and 8 (hard). */
    private static float[] losses(int size, long seed) {
        Random random = new Random(seed);
        float[] losses = new float[size];
        for (int i = 0; i < size; i++) {
            int c = i % CLUSTERS;
            losses[i] = c == 4 ? 8f : 0.1f + 0.3f * c + 0.05f * (float) random.nextGaussian();
        }
        return losses;
    }

    private static StratifiedInfoBatch stratified(int size, long seed) {
        return StratifiedInfoBatch.of(
                InfoBatch.builder().setEpochs(4).optDelta(1.0).optSeed(seed),
                ClusterSource.fixed(clusters(size), CLUSTERS));
    }

    private static InfoBatch plain(int size, long seed) {
        return InfoBatch.builder()
                .setDatasetSize(size)
                .setEpochs(4)
                .optDelta(1.0)
                .optSeed(seed)
                .build();
    }

    /** Plans epoch 1 after recording every loss; returns the weighted sum per cluster. */
    private static double[] weightedSums(PruningPolicy policy, float[] losses) {
        EpochPlan first = policy.nextEpoch();
        assertEquals(losses.length, first.size(), "epoch 0 trains everything");
        long[] indices = new long[losses.length];
        Arrays.setAll(indices, i -> i);
        policy.recordLosses(indices, losses);
        EpochPlan plan = policy.nextEpoch();
        double[] sums = new double[CLUSTERS];
        for (int p = 0; p < plan.size(); p++) {
            int index = plan.indexAt(p);
            sums[index % CLUSTERS] += plan.weightOf(index) * losses[index];
        }
        return sums;
    }

    @Test
    void weightedKeptLossIsUnbiasedInEveryClusterOverManySeeds() {
        // 2003 samples: cluster sizes 401, 401, 401, 400, 400, so (1 - r) * m_c is not whole
        int size = 2003;
        float[] losses = losses(size, 3);
        double[] full = new double[CLUSTERS];
        for (int i = 0; i < size; i++) {
            full[i % CLUSTERS] += losses[i];
        }
        int trials = 2000;
        double[] mean = new double[CLUSTERS];
        for (int seed = 0; seed < trials; seed++) {
            double[] sums = weightedSums(stratified(size, seed), losses);
            for (int c = 0; c < CLUSTERS; c++) {
                mean[c] += sums[c] / trials;
            }
        }
        // unbiased exactly (weight m_c / k_c); the tolerance only covers the sampling error of
        // the mean over 2000 seeds (about 0.01% here)
        for (int c = 0; c < CLUSTERS; c++) {
            assertEquals(full[c], mean[c], 0.001 * full[c], "cluster " + c);
        }
    }

    @Test
    void stratifiedEpochLossVarianceIsBelowPlainInfoBatch() {
        int size = 2000;
        float[] losses = losses(size, 4);
        int trials = 400;
        double[] plainTotals = new double[trials];
        double[] stratifiedTotals = new double[trials];
        for (int seed = 0; seed < trials; seed++) {
            plainTotals[seed] = Arrays.stream(weightedSums(plain(size, seed), losses)).sum();
            stratifiedTotals[seed] =
                    Arrays.stream(weightedSums(stratified(size, seed), losses)).sum();
        }
        double plainVariance = variance(plainTotals);
        double stratifiedVariance = variance(stratifiedTotals);
        System.out.printf(
                "epoch loss estimate variance: plain InfoBatch %.4f, stratified %.4f%n",
                plainVariance, stratifiedVariance);
        assertTrue(stratifiedVariance <= plainVariance, stratifiedVariance + " > " + plainVariance);
        // clusters' levels differ by 0.3 while the noise inside is 0.05: far below
        assertTrue(stratifiedVariance < 0.1 * plainVariance);
    }

    @Test
    void keepsAtLeastOnePerClusterAndReportsForwardPasses() {
        // 4 clusters of one well-learned sample each + 4 hard samples
        int[] clusterOf = {0, 1, 2, 3, 4, 4, 4, 4};
        StratifiedInfoBatch pruner =
                StratifiedInfoBatch.of(
                        InfoBatch.builder().setEpochs(3).optPruneRatio(0.9).optDelta(1.0),
                        ClusterSource.fixed(clusterOf, 5));
        pruner.nextEpoch();
        pruner.recordLosses(
                new long[] {0, 1, 2, 3, 4, 5, 6, 7},
                new float[] {0.1f, 0.1f, 0.1f, 0.1f, 9f, 9f, 9f, 9f});
        EpochPlan plan = pruner.nextEpoch();
        assertEquals(8, plan.size(), "floor(0.1 * 1) = 0 is raised to 1 per cluster");
        assertEquals(1f, plan.weightOf(0));
        assertEquals(4, InfoBatchDetails.of(plan.getStats()).wellLearned());
        assertEquals(0, pruner.getSamplerForwardPasses());
        assertThrows(
                UnsupportedOperationException.class,
                () -> pruner.getInfoBatch().save(new java.io.ByteArrayOutputStream()));
    }

    private static double variance(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
    }
}
