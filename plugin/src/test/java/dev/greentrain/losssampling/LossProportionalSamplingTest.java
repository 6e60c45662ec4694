package dev.greentrain.losssampling;

import static dev.greentrain.pruning.PolicyRuns.recordAll;
import static dev.greentrain.pruning.PolicyRuns.samples;
import static dev.greentrain.pruning.PolicyRuns.visitsOfRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LossProportionalSamplingTest {

    private static final double EXACT = 1e-12;

    private static LossProportionalSampling.Builder sampling(int size, int epochs) {
        return LossProportionalSampling.builder().setDatasetSize(size).setEpochs(epochs);
    }

    @Test
    void probabilitiesAreTheLossPlusTheMeanScaledToTheCount() {
        // mean 1: values 4 2 1 1 (sum 8), c = 2/8: p = 1, 1/2, 1/4, 1/4
        InclusionProbabilities p = InclusionProbabilities.solve(new float[] {3, 1, 0, 0}, 2);
        assertEquals(1, p.of(0), EXACT);
        assertEquals(0.5, p.of(1), EXACT);
        assertEquals(0.25, p.of(2), EXACT);
        assertEquals(0.25, p.of(3), EXACT);
        assertEquals(1, p.capped());
    }

    @Test
    void aProbabilityAboveOneIsCappedAndTheRestRescaled() {
        // mean 6: values 27 7 7 7 (sum 48), c = 2/48 gives 27c = 1.125 > 1; capped, the other
        // three share the remaining 1: 1/3 each
        InclusionProbabilities p = InclusionProbabilities.solve(new float[] {21, 1, 1, 1}, 2);
        assertEquals(1, p.of(0), EXACT);
        for (int i = 1; i < 4; i++) {
            assertEquals(1.0 / 3, p.of(i), EXACT);
        }
        assertEquals(1, p.capped());
    }

    @Test
    void unscoredSamplesCountAsTheMeanAndNegativeLossesAsZero() {
        // scored 4, -2 (as 0), 2: mean 2; unscored as 2: values 6 2 4 4, sum 16, k = 2: c = 1/8
        InclusionProbabilities p =
                InclusionProbabilities.solve(new float[] {4, -2, 2, Float.NaN}, 2);
        assertEquals(0.75, p.of(0), EXACT);
        assertEquals(0.25, p.of(1), EXACT);
        assertEquals(0.5, p.of(2), EXACT);
        assertEquals(0.5, p.of(3), EXACT);
    }

    @Test
    void withoutScoresEverySampleIsEquallyLikely() {
        float[] none = new float[8];
        Arrays.fill(none, Float.NaN);
        InclusionProbabilities p = InclusionProbabilities.solve(none, 2);
        for (int i = 0; i < 8; i++) {
            assertEquals(0.25, p.of(i), EXACT);
        }
        InclusionProbabilities zeros = InclusionProbabilities.solve(new float[4], 1);
        assertEquals(0.25, zeros.of(3), EXACT);
    }

    @Test
    void theDrawIncludesExactlyKDistinctSamplesEachWithItsProbability() {
        float[] scores = {3, 1, 0, 0, 7, 0.5f, 2, 0};
        int k = 3;
        InclusionProbabilities p = InclusionProbabilities.solve(scores, k);
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            sum += p.of(i);
        }
        assertEquals(k, sum, 1e-9);
        int draws = 40_000;
        int[] included = new int[scores.length];
        SplitMix64 random = new SplitMix64(11);
        int[] order = new int[scores.length];
        for (int d = 0; d < draws; d++) {
            p.draw(order, k, random);
            boolean[] seen = new boolean[scores.length];
            for (int j = 0; j < k; j++) {
                assertTrue(!seen[order[j]], "drawn twice: " + order[j]);
                seen[order[j]] = true;
                included[order[j]]++;
            }
        }
        for (int i = 0; i < scores.length; i++) {
            double expected = p.of(i);
            double sd = Math.sqrt(expected * (1 - expected) / draws);
            assertEquals(
                    expected,
                    included[i] / (double) draws,
                    4 * sd + 1e-9,
                    "sample " + i + " with p = " + expected);
        }
    }

    @Test
    void twoNeighboursOfOneHalfEachGiveExactlyOneOfThem() {
        InclusionProbabilities p = InclusionProbabilities.solve(new float[] {1, 1, 1, 1}, 2);
        SplitMix64 random = new SplitMix64(3);
        int[] order = new int[4];
        int[] firstOfPair = new int[2];
        for (int d = 0; d < 2000; d++) {
            p.draw(order, 2, random);
            int[] sorted = Arrays.copyOf(order, 2);
            Arrays.sort(sorted);
            assertTrue(sorted[0] <= 1 && sorted[1] >= 2, Arrays.toString(sorted));
            firstOfPair[sorted[0]]++;
        }
        assertEquals(1000, firstOfPair[0], 4 * Math.sqrt(500), "either of the first pair, evenly");
    }

    @Test
    void everyEpochTrainsKAndHighLossesAreTrainedMoreOften() {
        LossProportionalSampling policy = sampling(10, 400).optKeepRatio(0.3).build();
        EpochPlan first = policy.nextEpoch();
        assertEquals(3, first.size(), "epoch 0 trains k too, uniformly");
        assertEquals(1f, first.weightOf(first.indexAt(0)), "no rescaling");
        float[] losses = {0, 0, 0, 0, 0, 0, 0, 0, 0, 9};
        int[] trained = new int[10];
        for (int epoch = 1; epoch < 400; epoch++) {
            recordAll(policy, losses);
            EpochPlan plan = policy.nextEpoch();
            assertEquals(3, plan.size());
            assertEquals(3, samples(plan).size());
            for (int index : samples(plan)) {
                trained[index]++;
            }
        }
        // mean 0.9: values 0.9 x 9 and 9.9 (sum 18), c = 1/6: sample 9 has p = 1 (capped), the
        // others share 2: 2/9 each
        assertEquals(399, trained[9], "p = 1");
        assertEquals(1, LossSamplingDetails.of(policy.getCurrentPlan().getStats()).certain());
        for (int i = 0; i < 9; i++) {
            assertEquals(2.0 / 9, trained[i] / 399.0, 0.07, "sample " + i);
        }
    }

    @Test
    void aBudgetIsMetWithinHalfAPointForEveryRunLength() {
        for (int epochs : new int[] {1, 3, 8, 12, 24}) {
            for (double budget : new double[] {0.1, 0.3, 0.5, 0.7, 0.95}) {
                LossProportionalSampling policy =
                        sampling(1234, epochs).optBudget(budget).optSeed(epochs).build();
                double spent = visitsOfRun(policy, epochs, 3) / (1234.0 * epochs);
                assertEquals(budget, spent, 0.005, "B = " + budget + ", E = " + epochs);
                assertEquals(spent, policy.getPlannedVisitFraction(), 1e-12);
            }
        }
    }

    @Test
    void badSettingsAreRefusedBeforeTrainingNamingTheFix() {
        for (double ratio : new double[] {0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> sampling(100, 3).optKeepRatio(ratio).build());
            assertTrue(e.getMessage().contains("Keep ratio " + ratio), e.getMessage());
            assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        }
        for (double budget : new double[] {0, 1, -0.5, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> sampling(100, 3).optBudget(budget).build());
            assertTrue(e.getMessage().contains("Budget B = " + budget), e.getMessage());
        }
        IllegalArgumentException tiny =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> sampling(10, 3).optBudget(0.01).build());
        assertTrue(tiny.getMessage().contains("unreachable"), tiny.getMessage());
        IllegalArgumentException both =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> sampling(100, 3).optKeepRatio(0.4).optBudget(0.5).build());
        assertTrue(both.getMessage().contains("drop optKeepRatio or optBudget"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sampling(0, 3).build());
    }
}
