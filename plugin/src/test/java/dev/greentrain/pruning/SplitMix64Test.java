package dev.greentrain.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void nextIntIsUniformAndInRange() {
        SplitMix64 random = new SplitMix64(5);
        int[] counts = new int[7];
        int draws = 700_000;
        for (int i = 0; i < draws; i++) {
            counts[random.nextInt(7)]++;
        }
        for (int count : counts) {
            // expected 100,000 each; 5 standard deviations is about 1,500
            assertEquals(100_000, count, 1_500);
        }
    }

    @Test
    void selectPrefixDrawsWithoutReplacementUniformly() {
        SplitMix64 random = new SplitMix64(9);
        int[] chosen = new int[10];
        int trials = 100_000;
        for (int t = 0; t < trials; t++) {
            int[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            random.selectPrefix(values, 10, 3);
            assertTrue(values[0] != values[1] && values[1] != values[2] && values[0] != values[2]);
            for (int i = 0; i < 3; i++) {
                chosen[values[i]]++;
            }
        }
        for (int count : chosen) {
            assertEquals(30_000, count, 800);
        }
    }

    @Test
    void stateRestoresTheSequence() {
        SplitMix64 random = new SplitMix64(1);
        random.nextLong();
        long state = random.getState();
        long next = random.nextLong();
        SplitMix64 copy = new SplitMix64(0);
        copy.setState(state);
        assertEquals(next, copy.nextLong());
    }
}
