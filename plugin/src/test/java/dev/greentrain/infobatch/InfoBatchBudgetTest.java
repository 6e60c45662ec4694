package dev.greentrain.infobatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.SplitMix64;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfoBatchBudgetTest {

    private static final int SIZE = 2000;

    private static InfoBatch budgeted(int epochs, double budget, long seed) {
        return InfoBatch.builder()
                .setDatasetSize(SIZE)
                .setEpochs(epochs)
                .optBudget(budget)
                .optSeed(seed)
                .build();
    }

    /**
     * Trains a run on synthetic losses: each forwarded sample gets a log-normal loss (sigma 1.5,
     * about 77% below the mean, skewed like a classifier's cross-entropy) shrinking with the epoch;
     * pruned samples keep stale scores. Every {@code dropEvery}-th pruning epoch completes with 37
     * samples fewer than planned, as with dropLast, so the policy must re-plan from what was
     * trained. Returns the visits.
     */
    private static long run(InfoBatch infoBatch, long seed, int dropEvery) {
        SplitMix64 noise = new SplitMix64(seed ^ 0x5DEECE66DL);
        long visits = 0;
        for (int epoch = 0; epoch < infoBatch.getEpochs(); epoch++) {
            EpochPlan plan = infoBatch.nextEpoch();
            int trained = plan.size();
            if (dropEvery > 0
                    && epoch % dropEvery == dropEvery - 1
                    && epoch < infoBatch.getPruningEpochs()) {
                trained -= Math.min(37, trained);
            }
            long[] indices = new long[trained];
            float[] losses = new float[trained];
            for (int p = 0; p < trained; p++) {
                indices[p] = plan.indexAt(p);
                double gaussian =
                        Math.sqrt(-2 * Math.log(1 - noise.nextDouble()))
                                * Math.cos(2 * Math.PI * noise.nextDouble());
                losses[p] = (float) (Math.exp(1.5 * gaussian) / (1 + epoch));
            }
            infoBatch.recordLosses(indices, losses);
            infoBatch.completeEpoch(plan.getStats().withTraining(trained, 0, 0));
            visits += trained;
        }
        return visits;
    }

    @ParameterizedTest(name = "B = {1}, E = {0}")
    @CsvSource({
        "8, 0.6",
        "8, 0.75",
        "8, 0.9",
        "12, 0.55",
        "12, 0.7",
        "24, 0.5",
        "24, 0.65",
        "24, 0.85"
    })
    void theRunSpendsItsBudgetWithinHalfAPercentagePoint(int epochs, double budget) {
        for (long seed = 1; seed <= 3; seed++) {
            for (int dropEvery : new int[] {0, 3}) {
                InfoBatch infoBatch = budgeted(epochs, budget, seed);
                double achieved = run(infoBatch, seed, dropEvery) / ((double) SIZE * epochs);
                assertEquals(
                        budget,
                        achieved,
                        0.005,
                        "seed " + seed + ", drop every " + dropEvery + ": achieved " + achieved);
            }
        }
    }

    @Test
    void aBudgetBelowWhatThisDataAllowsEndsAsCloseAsTheRulesGo() {
        // lowest on any data: (2 + 6 * (1 - 0.9 * 1999 / 2000)) / 8 = 0.3252; on these losses
        // (about 78% below the mean) it ends near 0.5: r stays at 0.9
        InfoBatch infoBatch = budgeted(8, 0.4, 5);
        double achieved = run(infoBatch, 5, 0) / (SIZE * 8.0);
        assertTrue(achieved > 0.45 && achieved < 0.55, "achieved " + achieved);
        for (EpochStats stats : infoBatch.getEpochStats().subList(1, 7)) {
            InfoBatchDetails details = InfoBatchDetails.of(stats);
            assertEquals(
                    KeptCount.REFERENCE.count(details.wellLearned(), 0.9, null),
                    details.keptWellLearned(),
                    1,
                    "prunes at r = 0.9 in epoch " + stats.epoch());
        }
    }

    @Test
    void everyWellLearnedSampleIsUnbiasedInBudgetMode() {
        // 19 of 20 samples below the mean; E = 8, delta = 0.875: epoch 1 of 7 pruning epochs
        // (epoch 0 spent 20): target (0.5 * 160 - 20 - 20) / 6 = 6.667 -> kept share 5.667 of 19
        float[] scores = InfoBatchUnbiasedTest.nineteenOfTwentyBelowTheMean();
        int trials = 20_000;
        double[] sums = new double[20];
        for (int seed = 0; seed < trials; seed++) {
            InfoBatch infoBatch =
                    InfoBatch.builder()
                            .setDatasetSize(20)
                            .setEpochs(8)
                            .optBudget(0.5)
                            .optSeed(seed)
                            .build();
            double[] values = InfoBatchUnbiasedTest.keptTimesWeight(infoBatch, scores);
            for (int i = 0; i < 20; i++) {
                sums[i] += values[i];
            }
        }
        // kept with probability 5.667 / 19 = 0.298 at weight 3.353: sd of one trial 1.53, of the
        // mean of 20,000 trials 0.0108; the tolerance is 5 of those
        for (int i = 0; i < 20; i++) {
            assertEquals(1.0, sums[i] / trials, 0.055, "sample " + i);
        }
    }

    @Test
    void budgetsOutsideTheOpenUnitIntervalAreRefused() {
        for (double budget : new double[] {0, 1, 1.5, -0.2, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> budgeted(8, budget, 1));
            assertMessage(e, "Budget B = " + budget, "must be in (0, 1)");
        }
    }

    @Test
    void anUnreachableBudgetIsRefusedWithTheReachableRangeAndTheFix() {
        // E = 8, delta = 0.875: 7 pruning epochs, epoch 0 and epoch 7 full; 6 epochs can prune:
        // (2 + 6 * (1 - 0.9 * 1999 / 2000)) / 8 = 0.325338
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> budgeted(8, 0.3, 1));
        assertMessage(
                e,
                "Budget B = 0.3 is unreachable",
                "E = 8 epochs",
                "Reachable: [0.3253, 1)",
                "Raise the budget");
        assertEquals(0.325338, BudgetReach.lowest(SIZE, 8, 0.875), 1e-6);
        // one epoch: nothing can prune
        IllegalArgumentException single =
                assertThrows(IllegalArgumentException.class, () -> budgeted(1, 0.9, 1));
        assertMessage(single, "Reachable: [1.0000, 1)");
    }

    @Test
    void aBudgetAndAPruneRatioTogetherAreRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                InfoBatch.builder()
                                        .setDatasetSize(10)
                                        .setEpochs(8)
                                        .optPruneRatio(0.5)
                                        .optBudget(0.7)
                                        .build());
        assertMessage(e, "B = 0.7", "not both");
    }

    @Test
    void aSavedBudgetRunResumesOnlyWithTheSameBudget() throws IOException {
        InfoBatch first = budgeted(8, 0.6, 9);
        run(first, 9, 0);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        first.save(saved);
        InfoBatch same = budgeted(8, 0.6, 9);
        same.load(new ByteArrayInputStream(saved.toByteArray()), "state");
        assertEquals(first.getEpochStats(), same.getEpochStats());
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                budgeted(8, 0.7, 9)
                                        .load(
                                                new ByteArrayInputStream(saved.toByteArray()),
                                                "state"));
        assertTrue(e.getMessage().contains("budget=0.6"), e.getMessage());
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> e.getMessage() + " lacks " + part);
        }
    }
}
