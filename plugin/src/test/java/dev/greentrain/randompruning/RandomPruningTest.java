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

    @Test
    void badCountsGiveClearErrors() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                RandomPruning.builder()
                                        .setDatasetSize(10)
                                        .setSamplesPerEpoch(10, 11)
                                        .build());
        assertTrue(e.getMessage().contains("Epoch 1 asks for 11 samples, expected 1..10"));
    }
}
