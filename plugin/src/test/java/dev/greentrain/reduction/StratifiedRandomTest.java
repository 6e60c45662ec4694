package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StratifiedRandomTest {

    private final LabelledFeatures features =
            Points.line(new float[10], 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);

    @Test
    void keepsFloorOfPTimesEachClassAndOnlyThatClass() {
        Selection selection = new StratifiedRandom().select(features, 0.5, 7);
        int[] perClass = new int[2];
        for (int index : selection.indices()) {
            perClass[features.label(index)]++;
        }
        assertArrayEquals(new int[] {2, 3}, perClass); // floor(0.5*4), floor(0.5*6)
        assertEquals(2, new StratifiedRandom().select(features, 0.29, 7).indices().length);
    }

    @Test
    void everySampleOfAClassIsEquallyLikely() {
        int[] hits = new int[10];
        int draws = 4000;
        for (int seed = 0; seed < draws; seed++) {
            for (int index : new StratifiedRandom().select(features, 0.5, seed).indices()) {
                hits[index]++;
            }
        }
        for (int i = 0; i < 10; i++) {
            double expected = features.label(i) == 0 ? 0.5 : 0.5; // 2 of 4, 3 of 6
            double rate = hits[i] / (double) draws;
            assertTrue(Math.abs(rate - expected) < 0.04, "sample " + i + " rate " + rate);
        }
    }

    @Test
    void theSameSeedGivesTheSameSubset() {
        assertArrayEquals(
                new StratifiedRandom().select(features, 0.5, 3).indices(),
                new StratifiedRandom().select(features, 0.5, 3).indices());
    }
}
