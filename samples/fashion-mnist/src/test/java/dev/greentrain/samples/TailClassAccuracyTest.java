package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TailClassAccuracyTest {

    /** Scores over 10 classes whose highest entry is the given class. */
    private static float[] scoresFor(int predicted) {
        float[] scores = new float[10];
        scores[predicted] = 5f;
        return scores;
    }

    @Test
    void countsOnlySamplesOfTheTailClasses() {
        // true 7, 8, 9, 9, 0, 1 predicted 7, 0, 9, 8, 0, 2: of the 4 tail samples 2 are right
        // (0.5); overall 3 of 6
        int[] truth = {7, 8, 9, 9, 0, 1};
        int[] predicted = {7, 0, 9, 8, 0, 2};
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] scores = new float[60];
            float[] labels = new float[6];
            for (int i = 0; i < 6; i++) {
                System.arraycopy(scoresFor(predicted[i]), 0, scores, 10 * i, 10);
                labels[i] = truth[i];
            }
            NDList label = new NDList(manager.create(labels));
            NDList prediction = new NDList(manager.create(scores, new Shape(6, 10)));
            TailClassAccuracy tail = new TailClassAccuracy(7);
            tail.addAccumulator("validate");
            assertTrue(Float.isNaN(tail.getAccumulator("validate")), "no tail sample seen yet");
            tail.updateAccumulator("validate", label, prediction);
            assertEquals(0.5f, tail.getAccumulator("validate"));
            // a second batch with one more tail sample, predicted right: 3 of 5
            tail.updateAccumulator(
                    "validate",
                    new NDList(manager.create(new float[] {8f, 3f})),
                    new NDList(
                            manager.create(concat(scoresFor(8), scoresFor(4)), new Shape(2, 10))));
            assertEquals(0.6f, tail.getAccumulator("validate"));
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
