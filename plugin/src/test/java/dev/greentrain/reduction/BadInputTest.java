package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputTest {

    /** The methods that keep floor(p * n_c) per class. */
    private static final List<SelectionMethod> PER_CLASS =
            List.of(
                    new StratifiedRandom(),
                    new MaxMin(),
                    new ClusterCentroids(),
                    DistanceEntropy.authors(),
                    ProtoDash.gaussian(2),
                    PersistenceLandmarks.builder().build());

    /** Every method, NRMD's overall ranking included. */
    private static final List<SelectionMethod> ALL =
            java.util.stream.Stream.concat(
                            PER_CLASS.stream(),
                            java.util.stream.Stream.of(new MatrixDecompositionRanking()))
                    .toList();

    private final LabelledFeatures features =
            Points.line(new float[] {0, 1, 2, 3, 4, 5}, 0, 0, 0, 0, 1, 1);

    @Test
    void everyMethodRefusesAFractionOutsideZeroToOne() {
        for (SelectionMethod method : ALL) {
            for (double p : new double[] {0, -0.1, 1.5, Double.NaN}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> method.select(features, p, 1),
                                method.name());
                assertTrue(e.getMessage().contains("p = " + p), e.getMessage());
                assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
            }
        }
    }

    @Test
    void everyPerClassMethodRefusesAClassThatWouldKeepNoSample() {
        for (SelectionMethod method : PER_CLASS) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> method.select(features, 0.4, 1),
                            method.name());
            // class 1 has 2 samples: floor(0.4 * 2) = 0
            assertTrue(e.getMessage().contains("class 1 has only 2 samples"), e.getMessage());
            assertTrue(e.getMessage().contains("use p >= 0.5"), e.getMessage());
        }
    }

    @Test
    void fesRefusesAClassThatWouldKeepNoSample() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ForgettingEvents.select(
                                        features.labels(), new boolean[6], new int[6], 0.4, 2));
        assertTrue(e.getMessage().contains("class 1 has only 2 samples"), e.getMessage());
    }

    @Test
    void nonFiniteFeaturesAreRefusedBeforeAnyMethod() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    LabelledFeatures.of(
                                            new float[] {0, 1, bad, 3}, 2, new int[] {0, 1}));
            assertTrue(e.getMessage().contains("Feature 0 of sample 1 is " + bad), e.getMessage());
            assertTrue(e.getMessage().contains("finite"), e.getMessage());
        }
    }
}
