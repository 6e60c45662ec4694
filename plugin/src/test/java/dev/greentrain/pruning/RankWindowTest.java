package dev.greentrain.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RankWindowTest {

    private static Set<Integer> selected(float[] scores, int subset, int low, int high, long seed) {
        int[] order = RankWindow.select(scores, subset, low, high, new SplitMix64(seed));
        Set<Integer> set = new TreeSet<>();
        for (int i = 0; i < high - low; i++) {
            assertTrue(set.add(order[i]), "each sample once");
        }
        return set;
    }

    @Test
    void theWholeDatasetSubsetKeepsExactlyTheRanksOfTheWindow() {
        // ascending: 1 (-2.0), 6 (-0.0), 3 (0.0), 8 (0.4), 0 (0.5), 9 (0.6), 4 (0.7), 7 (0.8),
        // 2 (9.0), 5 (NaN = unscored, the hardest)
        float[] scores = {0.5f, -2f, 9f, 0f, 0.7f, Float.NaN, -0f, 0.8f, 0.4f, 0.6f};
        assertEquals(Set.of(3, 8, 0, 9), selected(scores, 10, 2, 6, 1));
        assertEquals(Set.of(1, 6), selected(scores, 10, 0, 2, 2));
        assertEquals(Set.of(2, 5), selected(scores, 10, 8, 10, 3));
        assertEquals(Set.of(), selected(scores, 10, 4, 4, 4));
    }

    @Test
    void tiesAtABoundSplitToTheExactCount() {
        float[] scores = new float[1000];
        Arrays.fill(scores, 1f);
        for (int seed = 0; seed < 5; seed++) {
            Set<Integer> set = selected(scores, 700, 100, 400, seed);
            assertEquals(300, set.size());
        }
        float[] mixed = {1f, 2f, 2f, 2f, 2f, 3f};
        for (int seed = 0; seed < 20; seed++) {
            Set<Integer> set = selected(mixed, 6, 2, 4, seed);
            assertEquals(2, set.size());
            assertTrue(set.stream().allMatch(i -> mixed[i] == 2f), set.toString());
        }
    }

    @Test
    void theTiesAtABoundAreAUniformChoice() {
        float[] scores = {1f, 2f, 2f, 2f, 2f, 3f};
        int[] taken = new int[6];
        SplitMix64 random = new SplitMix64(4);
        for (int draw = 0; draw < 2000; draw++) {
            int[] order = RankWindow.select(scores, 6, 2, 4, random);
            taken[order[0]]++;
            taken[order[1]]++;
        }
        for (int i = 1; i <= 4; i++) {
            assertEquals(1000, taken[i], 100, "tie " + i + " taken: " + Arrays.toString(taken));
        }
    }

    @Test
    void theSubsetIsUniformAndItsOrderRandom() {
        for (int subset : new int[] {3, 8}) { // drawn directly, and as the complement of a draw
            float[] scores = new float[10];
            int[] counts = new int[10];
            int[] firstPlace = new int[10];
            SplitMix64 random = new SplitMix64(9);
            for (int draw = 0; draw < 20_000; draw++) {
                int[] order = RankWindow.select(scores, subset, 0, subset, random);
                for (int i = 0; i < subset; i++) {
                    counts[order[i]]++;
                }
                firstPlace[order[0]]++;
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(2000 * subset, counts[i], 400, "sample " + i + " drawn");
                assertEquals(2000, firstPlace[i], 200, "sample " + i + " first");
            }
        }
    }

    @Test
    void aWindowPastTheSubsetIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RankWindow.select(new float[5], 3, 0, 4, new SplitMix64(1)));
        assertTrue(e.getMessage().contains("past the subset of 3"), e.getMessage());
    }
}
