package dev.greentrain.infobatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greentrain.pruning.EpochPlan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InfoBatchUnbiasedTest {

    /** Returns 20 scores of which 19 are below the mean. */
    static float[] nineteenOfTwentyBelowTheMean() {
        float[] scores = new float[20];
        Arrays.fill(scores, 1f);
        scores[19] = 100f;
        return scores;
    }

    /** Scores every sample in epoch 0, plans epoch 1 and returns each sample's kept x weight. */
    static double[] keptTimesWeight(InfoBatch infoBatch, float[] scores) {
        infoBatch.nextEpoch();
        long[] all = new long[scores.length];
        Arrays.setAll(all, i -> i);
        infoBatch.recordLosses(all, scores);
        EpochPlan plan = infoBatch.nextEpoch();
        double[] values = new double[scores.length];
        for (int p = 0; p < plan.size(); p++) {
            values[plan.indexAt(p)] = plan.weightOf(plan.indexAt(p));
        }
        return values;
    }

    private static double[] keptTimesWeight(float[] scores, double r, long seed, KeptCount rule) {
        return keptTimesWeight(
                InfoBatch.builder()
                        .setDatasetSize(scores.length)
                        .setEpochs(4)
                        .optPruneRatio(r)
                        .optDelta(1.0)
                        .optSeed(seed)
                        .optKeptCount(rule)
                        .build(),
                scores);
    }

    /** The mean over the first {@code m} samples of kept x weight, averaged over seeds. */
    private static double meanOverSeeds(float[] scores, int m, KeptCount rule, int trials) {
        double mean = 0;
        for (int seed = 0; seed < trials; seed++) {
            double[] values = keptTimesWeight(scores, 0.9, seed, rule);
            mean += Arrays.stream(values).limit(m).sum() / m / trials;
        }
        return mean;
    }

    @Test
    void stochasticRoundingIsTheDefault() {
        assertEquals(
                KeptCount.STOCHASTIC,
                InfoBatch.builder().setDatasetSize(1).setEpochs(1).build().getKeptCount());
    }

    @Test
    void everyWellLearnedSampleHasExpectedWeightOneOverManySeeds() {
        // 19 of 20 samples below the mean, r = 0.9: the kept share is 1.9. The floor keeps 1, so
        // E[kept * w] = 1 / 1.9 = 0.526; stochastic rounding keeps 2 with probability 0.9.
        float[] scores = nineteenOfTwentyBelowTheMean();
        int trials = 20_000;
        double[] stochastic = new double[20];
        double[] reference = new double[20];
        for (int seed = 0; seed < trials; seed++) {
            double[] s = keptTimesWeight(scores, 0.9, seed, KeptCount.STOCHASTIC);
            double[] f = keptTimesWeight(scores, 0.9, seed, KeptCount.REFERENCE);
            for (int i = 0; i < 20; i++) {
                stochastic[i] += s[i] / trials;
                reference[i] += f[i] / trials;
            }
        }
        // one trial: kept with probability 0.1 at weight 10, sd 3; of the mean of 20,000: 0.0212;
        // the tolerance is 5 of those
        for (int i = 0; i < 19; i++) {
            assertEquals(1.0, stochastic[i], 0.106, "sample " + i + ", stochastic rounding");
            assertEquals(1 / 1.9, reference[i], 0.06, "sample " + i + ", the authors' floor");
        }
        assertEquals(1.0, stochastic[19], 1e-9, "the above-mean sample always trains at weight 1");
    }

    @Test
    void theIssuesCaseAtRatioPointNineIsExactOnAverage() {
        // N = 1000, m = 615 below the mean, r = 0.9: share 61.5; the floor gives 61 / 61.5 = 0.9919
        float[] scores = new float[1000];
        for (int i = 0; i < 1000; i++) {
            scores[i] = i < 615 ? 1f : 10f;
        }
        double stochastic = meanOverSeeds(scores, 615, KeptCount.STOCHASTIC, 2_000);
        double reference = meanOverSeeds(scores, 615, KeptCount.REFERENCE, 2_000);
        // one trial's mean is 61 or 62 kept x 10 / 615: sd 0.0081; of 2,000 trials 0.00018
        assertEquals(1.0, stochastic, 0.001);
        assertEquals(61 / 61.5, reference, 1e-6);
    }
}
