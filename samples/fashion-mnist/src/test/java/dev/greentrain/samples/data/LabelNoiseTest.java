package dev.greentrain.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {

    private static int[] balancedLabels(int n) {
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> i % 10);
        return labels;
    }

    @Test
    void exactlyTheRateOfLabelsChangeAndNoneKeepsItsTrueClass() {
        int[] labels = balancedLabels(60_000);
        int[] noisy = LabelNoise.apply(labels, 10, 0.3, 42);
        int changed = 0;
        int[][] moves = new int[10][10];
        for (int i = 0; i < labels.length; i++) {
            if (noisy[i] != labels[i]) {
                changed++;
            }
            moves[labels[i]][noisy[i]]++;
        }
        assertEquals(18_000, changed, "round(0.3 x 60,000) labels change, no fewer");
        // each changed label is one of the 9 other classes, uniformly: 18,000 / 90 = 200 per
        // (true, noisy) pair; 5 standard deviations of a count of 200 are about 70
        for (int from = 0; from < 10; from++) {
            for (int to = 0; to < 10; to++) {
                if (from != to) {
                    assertEquals(200, moves[from][to], 70, from + " -> " + to);
                }
            }
        }
        assertArrayEquals(balancedLabels(60_000), labels, "the true labels are left alone");
    }

    @Test
    void theNoiseIsSeeded() {
        int[] labels = balancedLabels(1_000);
        assertArrayEquals(
                LabelNoise.apply(labels, 10, 0.3, 7), LabelNoise.apply(labels, 10, 0.3, 7));
        assertFalse(
                Arrays.equals(
                        LabelNoise.apply(labels, 10, 0.3, 7),
                        LabelNoise.apply(labels, 10, 0.3, 8)));
        assertArrayEquals(labels, LabelNoise.apply(labels, 10, 0, 7), "rate 0 changes nothing");
        assertNotEquals(0, labels.length);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        for (double rate : new double[] {1, -0.1, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> LabelNoise.apply(new int[] {0, 1}, 10, rate, 1));
            assertTrue(e.getMessage().contains("--label-noise " + rate), e.getMessage());
            assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        }
    }
}
