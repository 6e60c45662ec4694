package dev.greentrain.losssampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CappedScaleTest {

    /** Scores of several shapes: exponential, heavy-tailed, with unscored and negative losses. */
    private static float[] scores(int size, int shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            double exponential = -Math.log(1 - random.nextDouble());
            scores[i] =
                    switch (shape) {
                        case 0 -> (float) exponential;
                        case 1 -> (float) (exponential * (i % 97 == 0 ? 30 : 1));
                        case 2 -> random.nextInt(5) == 0 ? Float.NaN : (float) (exponential - 0.2);
                        case 3 -> (float) Math.pow(exponential, 4);
                        case 4 -> i % 3 == 0 ? 5f : 0f;
                        default -> Float.NaN;
                    };
        }
        return scores;
    }

    @Test
    void theScaleAndCappedCountAreThePlainFixedPointsBitForBit() {
        for (int shape = 0; shape <= 5; shape++) {
            for (int size : new int[] {7, 1_000, 50_000}) {
                for (double share : new double[] {0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
                    float[] scores = scores(size, shape, 31L * shape + size);
                    // from 1 to N - 1: with count = N every sample is in and nothing is solved
                    int count = Math.min(size - 1, Math.max(1, (int) Math.round(share * size)));
                    InclusionProbabilities fast = InclusionProbabilities.solve(scores, count);
                    CappedScale.Solution plain = plainOf(scores, count);
                    String where = "shape " + shape + ", size " + size + ", share " + share;
                    assertEquals(
                            Double.doubleToLongBits(plain.scale()),
                            Double.doubleToLongBits(fast.scale()),
                            where);
                    assertEquals(plain.capped(), fast.capped(), where);
                    // a hint from the previous epoch only saves a pass, whether it holds or not
                    for (float hint : new float[] {fast.tailHint(), 0, 1e30f, 0.5f}) {
                        InclusionProbabilities hinted =
                                InclusionProbabilities.solve(scores, count, hint);
                        assertEquals(
                                Double.doubleToLongBits(plain.scale()),
                                Double.doubleToLongBits(hinted.scale()),
                                where + ", hint " + hint);
                        assertEquals(plain.capped(), hinted.capped(), where + ", hint " + hint);
                    }
                }
            }
        }
    }

    private static CappedScale.Solution plainOf(float[] scores, int count) {
        double sum = 0;
        int scored = 0;
        for (float score : scores) {
            if (!Float.isNaN(score)) {
                sum += Math.max(0, score);
                scored++;
            }
        }
        float fill = scored == 0 ? 0 : (float) (sum / scored);
        double offset = fill > 0 ? fill : 1;
        double total = sum + (double) (scores.length - scored) * fill + scores.length * offset;
        return InclusionProbabilities.plainFixedPoint(scores, fill, offset, count, total);
    }

    @Test
    void theBranchFreeDrawMakesTheOrderedPivotalMethodsDecisions() {
        for (int shape = 0; shape <= 4; shape++) {
            float[] scores = scores(20_000, shape, 7 + shape);
            for (int count : new int[] {1, 2_000, 10_000, 19_999}) {
                InclusionProbabilities probabilities = InclusionProbabilities.solve(scores, count);
                int[] drawn = new int[scores.length];
                probabilities.draw(drawn, count, new SplitMix64(shape * 100L + count));
                int[] reference = new int[scores.length];
                pivotalByComparisons(
                        probabilities, reference, count, new SplitMix64(shape * 100L + count));
                assertArrayEquals(
                        Arrays.copyOf(reference, count),
                        Arrays.copyOf(drawn, count),
                        "shape " + shape + ", count " + count);
            }
        }
    }

    /** The ordered pivotal method written with its two comparisons, then the same shuffle. */
    private static void pivotalByComparisons(
            InclusionProbabilities probabilities, int[] order, int count, SplitMix64 random) {
        int included = 0;
        int pending = -1;
        double a = 0;
        for (int index = 0; index < order.length; index++) {
            double p = probabilities.of(index);
            if (p >= 1) {
                order[included++] = index;
            } else if (pending < 0) {
                pending = index;
                a = p;
            } else if (a + p < 1) {
                if (random.nextDouble() * (a + p) >= a) {
                    pending = index;
                }
                a = a + p;
            } else {
                if (random.nextDouble() * (2 - (a + p)) < 1 - p) {
                    order[included++] = pending;
                    pending = index;
                } else {
                    order[included++] = index;
                }
                a = a + p - 1;
            }
        }
        if (pending >= 0 && included < count && a > 0.5) {
            order[included++] = pending;
        }
        random.shuffle(order, count);
    }
}
