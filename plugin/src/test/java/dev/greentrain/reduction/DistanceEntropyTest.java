package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DistanceEntropyTest {

    @Test
    void entropyOfSoftmaxIsInBits() {
        double ln2 = Math.log(2);
        // softmax(0, ln 2, ln 2) = (0.2, 0.4, 0.4): H = 0.2 log2 5 + 0.8 log2 2.5 = 1.521928
        assertEquals(
                1.521928, DistanceEntropy.entropyOfSoftmax(new double[] {0, ln2, ln2}, ln2), 1e-6);
        // softmax(0, -ln 2, -ln 2) = (0.5, 0.25, 0.25): H = 0.5 + 0.5 * 2 = 1.5
        assertEquals(1.5, DistanceEntropy.entropyOfSoftmax(new double[] {0, -ln2, -ln2}, 0), 1e-12);
    }

    /** Three classes of four identical points at (0,0), (2,0), (0,20). */
    private static LabelledFeatures threeClasses() {
        float[][] rows = new float[12][];
        int[] labels = new int[12];
        float[][] centres = {{0, 0}, {2, 0}, {0, 20}};
        for (int i = 0; i < 12; i++) {
            labels[i] = i / 4;
            rows[i] = centres[labels[i]];
        }
        return Points.of(rows, labels);
    }

    private static int[] keptPerClass(
            DistanceEntropy method, LabelledFeatures features, long seed) {
        int[] perClass = new int[3];
        for (int index : method.select(features, 0.5, seed).indices()) {
            perClass[features.label(index)]++;
        }
        return perClass;
    }

    @Test
    void addsTheHighestEntropySamplesAfterTheBase() {
        // The base means are the class points whatever the draw. Distances to them: class 0
        // (0, 2, 20), class 1 (2, 0, 20.0998), class 2 (20, 20.0998, 0); softmax(+d) entropies
        // 0.0000, 0.0000, 0.9982 bits: the three added samples are class 2's remaining three.
        // Base floor(0.25 * 4) = 1 per class, total floor(0.5 * 12) = 6.
        LabelledFeatures features = threeClasses();
        for (long seed = 0; seed < 5; seed++) {
            assertArrayEquals(
                    new int[] {1, 1, 4}, keptPerClass(DistanceEntropy.authors(), features, seed));
        }
    }

    @Test
    void negatedDistancesPreferTheSamplesBetweenClasses() {
        // softmax(-d) entropies 0.52712, 0.52710, 0.0000 bits: class 0's three are added.
        assertArrayEquals(
                new int[] {4, 1, 1},
                keptPerClass(DistanceEntropy.negatedDistances(), threeClasses(), 1));
    }
}
