package dev.greentrain.infobatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InfoBatchTest {

    private static final float[] FIXED_SCORES = {
        0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 5.0f
    };

    /** InfoBatch with the authors' floor rule, whose counts these tests compute by hand. */
    private static InfoBatch infoBatch(int size, int epochs, double r, double delta, long seed) {
        return InfoBatch.builder()
                .setDatasetSize(size)
                .setEpochs(epochs)
                .optPruneRatio(r)
                .optDelta(delta)
                .optSeed(seed)
                .optKeptCount(KeptCount.REFERENCE)
                .build();
    }

    private static void recordAll(InfoBatch infoBatch, float[] losses) {
        long[] indices = new long[losses.length];
        Arrays.setAll(indices, i -> i);
        infoBatch.recordLosses(indices, losses);
    }

    private static int[] order(EpochPlan plan) {
        int[] order = new int[plan.size()];
        Arrays.setAll(order, plan::indexAt);
        return order;
    }

    @Test
    void firstEpochTrainsEverythingWithWeightOne() {
        InfoBatch infoBatch = infoBatch(100, 4, 0.5, 0.875, 1);
        EpochPlan plan = infoBatch.nextEpoch();
        assertEquals(100, plan.size());
        assertEquals(100, Arrays.stream(order(plan)).distinct().count());
        for (int i = 0; i < 100; i++) {
            assertEquals(1f, plan.weightOf(i));
        }
        EpochStats stats = plan.getStats();
        assertTrue(Double.isNaN(InfoBatchDetails.of(stats).threshold()));
        assertEquals(0, stats.pruned());
        assertEquals(0, InfoBatchDetails.of(stats).wellLearned());
    }

    @Test
    void countsAndWeightsMatchHandComputedValues() {
        // mean = (0.1 + ... + 0.9 + 5.0) / 10 = 0.95: nine samples are well-learned;
        // r = 0.5 keeps floor(0.5 * 9) = 4 of them with weight 2, sample 9 (score 5.0) trains too.
        InfoBatch infoBatch = infoBatch(10, 4, 0.5, 0.875, 7);
        infoBatch.nextEpoch();
        recordAll(infoBatch, FIXED_SCORES);
        EpochPlan plan = infoBatch.nextEpoch();
        EpochStats stats = plan.getStats();
        assertEquals(0.95, InfoBatchDetails.of(stats).threshold(), 1e-7);
        assertEquals(9, InfoBatchDetails.of(stats).wellLearned());
        assertEquals(4, InfoBatchDetails.of(stats).keptWellLearned());
        assertEquals(5, plan.size());
        assertEquals(5, stats.pruned());
        assertEquals(2f, InfoBatchDetails.of(stats).upweight());
        int[] order = order(plan);
        assertTrue(Arrays.stream(order).anyMatch(i -> i == 9), "above-mean sample is never pruned");
        assertEquals(1f, plan.weightOf(9));
        int doubled = 0;
        for (int index : order) {
            if (index != 9) {
                assertEquals(2f, plan.weightOf(index));
                doubled++;
            }
        }
        assertEquals(4, doubled);
        Set<Integer> kept = new HashSet<>();
        Arrays.stream(order).forEach(kept::add);
        for (int i = 0; i < 10; i++) {
            if (!kept.contains(i)) {
                assertEquals(1f, plan.weightOf(i), "a pruned sample carries no up-weight");
            }
        }
    }

    @Test
    void pruneRatioPointThreeKeepsSixOfNine() {
        InfoBatch infoBatch = infoBatch(10, 4, 0.3, 0.875, 7);
        infoBatch.nextEpoch();
        recordAll(infoBatch, FIXED_SCORES);
        EpochPlan plan = infoBatch.nextEpoch();
        assertEquals(6, InfoBatchDetails.of(plan.getStats()).keptWellLearned());
        assertEquals(7, plan.size());
        assertEquals((float) (1 / 0.7), InfoBatchDetails.of(plan.getStats()).upweight());
    }

    @Test
    void sampleAtTheMeanIsNeverPruned() {
        InfoBatch infoBatch = infoBatch(4, 4, 0.9, 1.0, 3);
        infoBatch.nextEpoch();
        recordAll(infoBatch, new float[] {1f, 1f, 1f, 1f});
        EpochPlan plan = infoBatch.nextEpoch();
        assertEquals(4, plan.size());
        assertEquals(0, InfoBatchDetails.of(plan.getStats()).wellLearned());
    }

    @Test
    void annealingStopsPruningAfterFloorOfDeltaTimesEpochs() {
        // delta * E = 0.75 * 10 = 7.5 -> epochs 0..6 may prune, epochs 7..9 train on everything.
        InfoBatch infoBatch = infoBatch(50, 10, 0.5, 0.75, 11);
        assertEquals(7, infoBatch.getPruningEpochs());
        float[] losses = new float[50];
        for (int i = 0; i < 50; i++) {
            losses[i] = i < 40 ? 0.01f * i : 10f;
        }
        for (int epoch = 0; epoch < 10; epoch++) {
            EpochPlan plan = infoBatch.nextEpoch();
            EpochStats stats = plan.getStats();
            if (epoch == 0) {
                assertEquals(50, plan.size());
            } else if (epoch <= 6) {
                assertTrue(InfoBatchDetails.of(stats).pruningActive());
                assertTrue(plan.size() < 50, "epoch " + epoch + " prunes");
            } else {
                assertFalse(
                        InfoBatchDetails.of(stats).pruningActive(), "epoch " + epoch + " anneals");
                assertEquals(50, plan.size());
                for (int i = 0; i < 50; i++) {
                    assertEquals(1f, plan.weightOf(i), "weights are exactly 1 after annealing");
                }
                assertEquals(1f, InfoBatchDetails.of(stats).upweight());
            }
            recordAll(infoBatch, losses);
        }
    }

    @Test
    void pruningEpochsRoundDownWithTolerance() {
        assertEquals(29, InfoBatch.pruningEpochs(0.29, 100), "0.29 * 100 is 28.999999999999996");
        assertEquals(78, InfoBatch.pruningEpochs(0.875, 90));
        assertEquals(7, InfoBatch.pruningEpochs(0.875, 8));
        assertEquals(0, InfoBatch.pruningEpochs(0.1, 5));
        assertEquals(5, InfoBatch.pruningEpochs(1.0, 5));
    }

    @Test
    void keptCountRoundsDown() {
        assertEquals(4, InfoBatch.keptCount(9, 0.5));
        assertEquals(7, InfoBatch.keptCount(10, 0.3), "(1 - 0.3) * 10 is 7 despite rounding");
        assertEquals(1, InfoBatch.keptCount(10, 0.9));
        assertEquals(0, InfoBatch.keptCount(1, 0.5));
    }

    @Test
    void sameSeedGivesIdenticalPlansAndDifferentSeedsDiffer() {
        int[][] first = runOrders(123);
        int[][] second = runOrders(123);
        int[][] other = runOrders(124);
        for (int epoch = 0; epoch < first.length; epoch++) {
            assertArrayEquals(first[epoch], second[epoch]);
        }
        assertFalse(Arrays.equals(first[2], other[2]));
    }

    private static int[][] runOrders(long seed) {
        InfoBatch infoBatch = infoBatch(1000, 5, 0.5, 0.875, seed);
        int[][] orders = new int[5][];
        for (int epoch = 0; epoch < 5; epoch++) {
            EpochPlan plan = infoBatch.nextEpoch();
            orders[epoch] = order(plan);
            recordAll(infoBatch, syntheticLosses(1000, epoch));
        }
        return orders;
    }

    private static float[] syntheticLosses(int size, int epoch) {
        float[] losses = new float[size];
        for (int i = 0; i < size; i++) {
            long h = (i * 0x9E3779B97F4A7C15L) ^ (epoch * 0xC2B2AE3D27D4EB4FL);
            h ^= h >>> 29;
            losses[i] = (float) Math.abs((h % 10_000) / 1000.0) / (epoch + 1);
        }
        return losses;
    }

    @Test
    void weightedKeptLossIsUnbiasedOverManySeeds() {
        int size = 2000;
        float[] losses = syntheticLosses(size, 3);
        double fullSum = 0;
        for (float loss : losses) {
            fullSum += loss;
        }
        int trials = 2000;
        double meanOfWeightedSums = 0;
        for (int seed = 0; seed < trials; seed++) {
            InfoBatch infoBatch = infoBatch(size, 3, 0.5, 1.0, seed);
            infoBatch.nextEpoch();
            recordAll(infoBatch, losses);
            EpochPlan plan = infoBatch.nextEpoch();
            double weighted = 0;
            for (int p = 0; p < plan.size(); p++) {
                int index = plan.indexAt(p);
                weighted += plan.weightOf(index) * losses[index];
            }
            meanOfWeightedSums += weighted / trials;
        }
        // The floor in floor((1 - r) * m) biases by at most one sample's weight; the sampling error
        // of the mean over 2000 seeds is about 0.05% here. Tolerance: 0.5% of the full sum.
        assertEquals(fullSum, meanOfWeightedSums, 0.005 * fullSum);
        assertNotEquals(0, fullSum);
    }

    @Test
    void nonFiniteLossesDoNotPoisonTheThresholdAndAreNeverPruned() {
        InfoBatch infoBatch = infoBatch(10, 4, 0.5, 1.0, 5);
        infoBatch.nextEpoch();
        float[] losses = FIXED_SCORES.clone();
        losses[0] = Float.NaN;
        losses[1] = Float.POSITIVE_INFINITY;
        recordAll(infoBatch, losses);
        assertTrue(Float.isNaN(infoBatch.getScore(0)));
        assertTrue(Float.isNaN(infoBatch.getScore(1)));
        EpochPlan plan = infoBatch.nextEpoch();
        // mean over the 8 finite scores: (0.3 + ... + 0.9 + 5.0) / 8 = 9.2 / 8 = 1.15
        assertEquals(1.15, InfoBatchDetails.of(plan.getStats()).threshold(), 1e-7);
        Set<Integer> kept = new HashSet<>();
        Arrays.stream(order(plan)).forEach(kept::add);
        assertTrue(kept.contains(0) && kept.contains(1), "unscored samples always train");
        assertEquals(1f, plan.weightOf(0));
        assertEquals(1f, plan.weightOf(1));
        assertEquals(7, InfoBatchDetails.of(plan.getStats()).wellLearned());
    }

    @Test
    void badSettingsGiveClearErrors() {
        assertMessage(() -> infoBatch(10, 4, 0.95, 0.875, 1), "0.95", "[0, 0.9]");
        assertMessage(() -> infoBatch(10, 4, -0.1, 0.875, 1), "-0.1", "[0, 0.9]");
        assertMessage(() -> infoBatch(10, 4, Double.NaN, 0.875, 1), "NaN", "[0, 0.9]");
        assertMessage(() -> infoBatch(10, 4, 0.5, 0, 1), "delta = 0.0", "(0, 1]");
        assertMessage(() -> infoBatch(10, 4, 0.5, 1.5, 1), "1.5", "(0, 1]");
        assertMessage(() -> infoBatch(10, 0, 0.5, 0.875, 1), "Epochs = 0", "at least 1");
        assertMessage(() -> infoBatch(0, 4, 0.5, 0.875, 1), "Dataset size 0", "setDatasetSize");
    }

    @Test
    void badLossRecordsGiveClearErrors() {
        InfoBatch infoBatch = infoBatch(10, 4, 0.5, 0.875, 1);
        assertMessage(
                () -> infoBatch.recordLosses(new long[] {1, 2}, new float[] {1f}),
                "1 per-sample losses for 2 samples",
                "one value per row");
        assertMessage(
                () -> infoBatch.recordLosses(new long[] {10}, new float[] {1f}),
                "index 10",
                "10 samples");
    }

    @Test
    void planningMoreEpochsThanConfiguredFails() {
        InfoBatch infoBatch = infoBatch(10, 1, 0.5, 0.875, 1);
        infoBatch.nextEpoch();
        IllegalStateException e = assertThrows(IllegalStateException.class, infoBatch::nextEpoch);
        assertTrue(e.getMessage().contains("built for 1 epochs"), e.getMessage());
    }

    private static void assertMessage(Runnable action, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> e.getMessage() + " lacks " + part);
        }
    }
}
