package dev.greentrain.orderdp;

import static dev.greentrain.pruning.PolicyRuns.order;
import static dev.greentrain.pruning.PolicyRuns.recordAll;
import static dev.greentrain.pruning.PolicyRuns.samples;
import static dev.greentrain.pruning.PolicyRuns.trainEpoch;
import static dev.greentrain.pruning.PolicyRuns.visitsOfRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderDPTest {

    /** Sample i's score; descending the samples are 5 2 7 4 9 0 8 3 6 1. */
    private static final float[] SCORES = {
        0.5f, 0.1f, 0.9f, 0.3f, 0.7f, 1.0f, 0.2f, 0.8f, 0.4f, 0.6f
    };

    private static OrderDP.Builder orderDp(int size, int epochs) {
        return OrderDP.builder().setDatasetSize(size).setEpochs(epochs);
    }

    @Test
    void theAuthorsCifarCommandTrainsThreeTenthsEveryEpoch() {
        OrderDP policy = orderDp(1000, 5).build();
        assertEquals(800, policy.getSubsetSize(), "floor(0.8 * 1000)");
        assertEquals(300, policy.getTopCount(), "floor(0.375 * 800)");
        assertArrayEquals(new int[] {300, 300, 300, 300, 300}, policy.getPlannedSamples(5));
        EpochPlan first = policy.nextEpoch();
        assertEquals(300, first.size(), "the first epoch trains q too, at random");
        assertEquals(300, samples(first).size());
        assertEquals(new OrderDpDetails(800, 300), OrderDpDetails.of(first.getStats()));
        assertEquals(1f, first.weightOf(first.indexAt(0)));
    }

    @Test
    void aWholeDatasetSubsetTrainsTheHighestLossesEveryEpochToTheLast() {
        OrderDP policy = orderDp(10, 4).optSubsetRatio(1).optTopCount(3).build();
        policy.nextEpoch();
        for (int epoch = 1; epoch < 4; epoch++) {
            recordAll(policy, SCORES);
            EpochPlan plan = policy.nextEpoch();
            assertEquals(Set.of(5, 2, 7), samples(plan), "no annealing: epoch " + epoch);
            for (int i = 0; i < 10; i++) {
                assertEquals(1f, plan.weightOf(i), "no reweighting");
            }
        }
    }

    @Test
    void aSampleIsTrainedOnlyAmongTheTopQOfItsSubset() {
        // s = 5 of 10, q = 2: the three lowest losses (1, 6, 3) rank below the top 2 of any
        // subset of 5 and are never trained; 5 and 2 are trained whenever drawn (half the time)
        OrderDP policy = orderDp(10, 401).optSubsetSize(5).optTopCount(2).build();
        policy.nextEpoch();
        int[] trained = new int[10];
        for (int epoch = 1; epoch < 401; epoch++) {
            recordAll(policy, SCORES);
            for (int index : order(policy.nextEpoch())) {
                trained[index]++;
            }
        }
        assertEquals(0, trained[1] + trained[6] + trained[3], Arrays.toString(trained));
        assertEquals(200, trained[5], 40, Arrays.toString(trained));
        assertEquals(200, trained[2], 40, Arrays.toString(trained));
    }

    @Test
    void unscoredSamplesRankAboveEveryLoss() {
        OrderDP policy = orderDp(10, 3).optSubsetRatio(1).optTopCount(4).build();
        policy.nextEpoch();
        policy.recordLosses(new long[] {0, 1, 2, 3, 4, 5}, new float[] {9, 8, 7, 6, 5, 4});
        assertEquals(Set.of(6, 7, 8, 9), samples(policy.nextEpoch()));
    }

    @Test
    void theSameSeedGivesTheSameEpochs() {
        OrderDP first = orderDp(500, 4).optSeed(3).build();
        OrderDP second = orderDp(500, 4).optSeed(3).build();
        OrderDP other = orderDp(500, 4).optSeed(4).build();
        SplittableRandom a = new SplittableRandom(1);
        SplittableRandom b = new SplittableRandom(1);
        SplittableRandom c = new SplittableRandom(1);
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] firstOrder = order(trainEpoch(first, a));
            assertArrayEquals(firstOrder, order(trainEpoch(second, b)));
            assertTrue(!Arrays.equals(firstOrder, order(trainEpoch(other, c))));
        }
    }

    @Test
    void aBudgetIsMetWithinHalfAPointForEveryRunLength() {
        for (double budget : new double[] {0.3, 0.5, 0.7, 0.123}) {
            for (int epochs : new int[] {1, 5, 12}) {
                OrderDP policy = orderDp(3001, epochs).optBudget(budget).build();
                double visits = visitsOfRun(policy, epochs, 2) / (3001.0 * epochs);
                assertEquals(budget, visits, 0.005, "B = " + budget + ", E = " + epochs);
                assertEquals(Math.round(budget * 3001), policy.getTopCount());
            }
        }
    }

    @Test
    void anUnreachableBudgetIsRefusedWithTheReachableRange() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> orderDp(1000, 5).optBudget(0.9).build());
        assertTrue(e.getMessage().contains("Budget B = 0.9 is unreachable"), e.getMessage());
        assertTrue(e.getMessage().contains("0.0010 (q = 1) to 0.8000 (q = s)"), e.getMessage());
        assertTrue(e.getMessage().contains("optSubsetRatio"), e.getMessage());
        IllegalArgumentException tiny =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> orderDp(10, 5).optSubsetRatio(1).optBudget(0.33).build());
        assertTrue(tiny.getMessage().contains("unreachable"), tiny.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheValueTheRangeAndTheFix() {
        assertRefused(
                orderDp(100, 4).optSubsetSize(5).optTopCount(6),
                "Top count q = 6 is larger than the subset size s = 5",
                "optTopCount");
        assertRefused(orderDp(100, 4).optTopCount(0), "Top count q = 0", "1 <= q <= s = 80");
        assertRefused(orderDp(100, 4).optSubsetSize(101), "Subset size s = 101", "from 1");
        assertRefused(orderDp(100, 4).optSubsetRatio(1.5), "subset ratio 1.5", "(0, 1]");
        assertRefused(orderDp(100, 4).optBudget(1), "Budget B = 1.0", "(0, 1)");
        assertRefused(orderDp(100, 4).optBudget(Double.NaN), "Budget B = NaN", "(0, 1)");
        assertRefused(
                orderDp(100, 4).optTopRatio(0.5).optBudget(0.3),
                "Both a budget (B = 0.3) and a top ratio or count");
        assertRefused(orderDp(0, 4), "Dataset size 0");
    }

    private static void assertRefused(OrderDP.Builder builder, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }
}
