package dev.greentrain.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LongTailTest {

    @Test
    void classCountsFollowTheExponentialProfileOfCifarLt() {
        // n_c = floor(6000 * 0.01^(c / 9)): 6000 * 0.01^(1 / 9) = 3596.9 gives 3596, etc.
        assertArrayEquals(
                new int[] {6000, 3596, 2156, 1292, 774, 464, 278, 166, 100, 60},
                LongTail.classCounts(6000, 10, 100));
        assertArrayEquals(new int[] {50, 50, 50}, LongTail.classCounts(50, 3, 1));
    }

    @Test
    void theFirstSamplesOfEachClassAreKeptUpToItsCount() {
        // 3 classes, 4 samples each, interleaved; factor 4: n = 4, 2, 1
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6, 9}, LongTail.select(labels, 3, 4));
        // the largest count is the smallest class's size: class 2 has 2 samples here
        int[] uneven = {0, 0, 0, 1, 1, 1, 2, 2};
        assertArrayEquals(new int[] {0, 1, 3}, LongTail.select(uneven, 3, 4));
    }

    @Test
    void theTailClassesAreTheThreeSmallest() {
        assertEquals(7, LongTail.firstTailClass(10));
    }

    @Test
    void aFactorBelowOneIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LongTail.select(new int[] {0}, 10, 0.5));
        assertTrue(e.getMessage().contains("--long-tail 0.5"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
