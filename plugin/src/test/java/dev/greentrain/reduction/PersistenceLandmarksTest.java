package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersistenceLandmarksTest {

    private static double[] circle(int n) {
        double[] points = new double[2 * n];
        for (int i = 0; i < n; i++) {
            points[2 * i] = Math.cos(2 * Math.PI * i / n);
            points[2 * i + 1] = Math.sin(2 * Math.PI * i / n);
        }
        return points;
    }

    @Test
    void sixPointsOnACircleHaveOneLoopFromTheSideToTheLongDiagonal() {
        // regular hexagon of radius 1: side 1, second diagonal sqrt 3; at sqrt 3 the complex is an
        // octahedron's surface, so the one H1 bar is [1, sqrt 3]
        List<RipsPersistence.Bar> h1 = RipsPersistence.bars(circle(6), 6, 2, 1).get(1);
        List<RipsPersistence.Bar> long1 = h1.stream().filter(b -> b.persistence() > 1e-9).toList();
        assertEquals(1, long1.size(), h1.toString());
        assertEquals(1.0, long1.get(0).birth(), 1e-9);
        assertEquals(Math.sqrt(3), long1.get(0).death(), 1e-9);
    }

    @Test
    void aSquaresLoopLivesFromItsSideToItsDiagonal() {
        double[] square = {0, 0, 1, 0, 1, 1, 0, 1};
        List<RipsPersistence.Bar> h1 = RipsPersistence.bars(square, 4, 2, 1).get(1);
        assertEquals(Math.sqrt(2) - 1, RipsPersistence.maxPersistence(h1), 1e-9);
    }

    @Test
    void twoFarClustersHaveOneLongH0Bar() {
        double[] points = {0, 0.1, 0.2, 10, 10.1};
        List<RipsPersistence.Bar> h0 = RipsPersistence.bars(points, 5, 1, 0).get(0);
        assertEquals(4, h0.size()); // n - 1 finite bars
        assertEquals(9.8, RipsPersistence.maxPersistence(h0), 1e-9);
        assertEquals(1, h0.stream().filter(b -> b.persistence() > 1).count());
    }

    @Test
    void keepsTheLowestScoresAndTheSuperOutliersLast() {
        // class of 1-D points: 0, 0.1, 0.2 (each has 2 neighbours within 0.25: H0 score = largest
        // MST edge of the two others = 0.1 or 0.2), 5 (no neighbours: super outlier)
        LabelledFeatures features = Points.line(new float[] {0, 0.1f, 0.2f, 5}, 0, 0, 0, 0);
        PersistenceLandmarks phl = PersistenceLandmarks.builder().optDimension(0).build();
        double[] scores = phl.scores(features, new int[] {0, 1, 2, 3});
        assertEquals(0.1, scores[0], 1e-6); // neighbours 0.1, 0.2
        assertEquals(0.2, scores[1], 1e-6); // neighbours 0, 0.2
        assertEquals(0.1, scores[2], 1e-6); // neighbours 0, 0.1
        assertTrue(Double.isNaN(scores[3]));
        assertArrayEquals(new int[] {0, 2}, phl.select(features, 0.5, 1).indices());
        assertArrayEquals(new int[] {0, 1, 2}, phl.select(features, 0.75, 1).indices());
    }

    @Test
    void theScoresEqualTheReferencePersistenceOfTheCappedNeighbourhoods() {
        // 150 points in 3-d, radius 0.6: neighbourhoods from none to more than the cap of 12
        java.util.Random random = new java.util.Random(11);
        int n = 150;
        float[] data = new float[n * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (0.5 * random.nextGaussian());
        }
        LabelledFeatures features = LabelledFeatures.of(data, 3, new int[n]);
        int[] members = features.classes().members(0);
        for (int dimension = 0; dimension <= 1; dimension++) {
            PersistenceLandmarks phl =
                    PersistenceLandmarks.builder()
                            .optRadius(0.6)
                            .optDimension(dimension)
                            .optMaxNeighbours(12)
                            .build();
            double[] scores = phl.scores(features, members);
            for (int i = 0; i < n; i++) {
                double expected = referenceScore(features, i, 0.6, 12, dimension);
                assertEquals(expected, scores[i], 1e-12, "sample " + i + ", H" + dimension);
            }
        }
    }

    /** The score as the original code computed it, with the reference persistence. */
    private static double referenceScore(
            LabelledFeatures features, int i, double radius, int cap, int dimension) {
        List<double[]> near = new java.util.ArrayList<>();
        for (int j = 0; j < features.rows(); j++) {
            double d = features.distance(i, j);
            if (j != i && d <= radius) {
                near.add(new double[] {d, j});
            }
        }
        if (near.size() < 2) {
            return Double.NaN;
        }
        near.sort(java.util.Comparator.comparingDouble((double[] a) -> a[0]));
        int size = Math.min(near.size(), cap);
        double[] cloud = new double[size * 3];
        for (int k = 0; k < size; k++) {
            for (int f = 0; f < 3; f++) {
                cloud[k * 3 + f] = features.data()[(int) near.get(k)[1] * 3 + f];
            }
        }
        return ReferenceRipsPersistence.maxPersistence(
                ReferenceRipsPersistence.bars(cloud, size, 3, dimension).get(dimension));
    }

    @Test
    void refusesARadiusThatIsNotPositive() {
        for (double radius : new double[] {0, -0.25, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> PersistenceLandmarks.builder().optRadius(radius).build());
            assertTrue(e.getMessage().contains("PHL radius = " + radius), e.getMessage());
            assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
        }
    }
}
