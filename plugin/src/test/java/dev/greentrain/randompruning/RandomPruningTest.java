package dev.greentrain.randompruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomPruningTest {

    @Test
    void trainsTheGivenNumberOfDistinctSamplesWithWeightOne() {
        RandomPruning policy =
                RandomPruning.builder()
                        .setDatasetSize(100)
                        .setSamplesPerEpoch(100, 60, 55, 100)
                        .optSeed(3)
                        .build();
        int[] expected = {100, 60, 55, 100};
        for (int epoch = 0; epoch < 4; epoch++) {
            EpochPlan plan = policy.nextEpoch();
            assertEquals(expected[epoch], plan.size());
            Set<Integer> seen = new HashSet<>();
            for (int p = 0; p < plan.size(); p++) {
                assertTrue(seen.add(plan.indexAt(p)), "without replacement");
                assertEquals(1f, plan.weightOf(plan.indexAt(p)), "no rescaling");
            }
            assertEquals(100 - expected[epoch], plan.getStats().pruned());
        }
        assertThrows(IllegalStateException.class, policy::nextEpoch);
    }

    @Test
    void everySampleIsEquallyLikelyToBeKept() {
        int[] kept = new int[10];
        for (int seed = 0; seed < 20_000; seed++) {
            EpochPlan plan =
                    RandomPruning.builder()
                            .setDatasetSize(10)
                            .setSamplesPerEpoch(4)
                            .optSeed(seed)
                            .build()
                            .nextEpoch();
            for (int p = 0; p < plan.size(); p++) {
                kept[plan.indexAt(p)]++;
            }
        }
        for (int count : kept) {
            assertEquals(8_000, count, 400); // 20,000 x 4/10, about 5 standard deviations
        }
    }

    /** Returns the message with which building is refused. */
    private static String refusal(RandomPruning.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void badCountsGiveClearErrors() {
        String message =
                refusal(RandomPruning.builder().setDatasetSize(10).setSamplesPerEpoch(10, 11));
        assertTrue(message.contains("Epoch 1 asks for 11 samples, expected 1..10"), message);
    }

    @Test
    void aBudgetIsSpentWithinOneSampleForSeveralBudgetsAndEpochCounts() {
        for (int size : new int[] {999, 1000}) {
            for (int epochs : new int[] {1, 5, 12}) {
                for (double budget : new double[] {0.3, 0.5, 0.7}) {
                    RandomPruning policy =
                            RandomPruning.builder()
                                    .setDatasetSize(size)
                                    .setBudget(budget, epochs)
                                    .optSeed(epochs)
                                    .build();
                    long visits = 0;
                    for (int epoch = 0; epoch < epochs; epoch++) {
                        EpochPlan plan = policy.nextEpoch();
                        // every third epoch but the last trains 7 samples fewer than planned, as
                        // with dropLast: the later epochs make up for them
                        int trained = plan.size() - (epoch % 3 == 2 && epoch < epochs - 1 ? 7 : 0);
                        policy.completeEpoch(plan.getStats().withTraining(trained, 0, 0));
                        visits += trained;
                    }
                    double target = budget * size * epochs;
                    assertEquals(target, visits, 1.0, size + " x " + epochs + " at " + budget);
                    assertEquals(budget, visits / ((double) size * epochs), 0.005);
                }
            }
        }
    }

    @Test
    void badBudgetsGiveClearErrors() {
        for (double budget : new double[] {0, 1, 1.2, Double.NaN}) {
            String message =
                    refusal(RandomPruning.builder().setDatasetSize(10).setBudget(budget, 4));
            assertTrue(message.contains("B = " + budget), message);
            assertTrue(message.contains("(0, 1)"), message);
        }
        String message = refusal(RandomPruning.builder().setDatasetSize(1000).setBudget(0.0005, 4));
        assertTrue(message.contains("unreachable"), message);
        assertTrue(message.contains("[0.0010, 1)"), message);
    }
}
