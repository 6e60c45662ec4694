package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RepresentativenessTest {

    @Test
    void isTheWorstClassesLargestDistanceToItsNearestKeptPoint() {
        // class 0: {0, 1, 5} keeping 0 -> 5; class 1: {10, 13} keeping 13 -> 3; epsilon = 5
        LabelledFeatures features = Points.line(new float[] {0, 1, 5, 10, 13}, 0, 0, 0, 1, 1);
        assertEquals(
                5.0,
                Representativeness.epsilon(
                        features, Selection.ofIndices(new int[] {0, 4}, features)));
        // keeping 1 instead: class 0's worst is 5 - 1 = 4, class 1 still 3
        assertEquals(
                4.0,
                Representativeness.epsilon(
                        features, Selection.ofIndices(new int[] {1, 4}, features)));
    }

    @Test
    void usesTheLInfinityDistanceWithinTheClass() {
        // (0,0) to (3,1): L-infinity 3 (Euclidean would be 3.16); the class-1 point at (0,0.5)
        // is nearer but of another class
        LabelledFeatures features = Points.of(new float[][] {{0, 0}, {3, 1}, {0, 0.5f}}, 0, 0, 1);
        assertEquals(
                3.0,
                Representativeness.epsilon(
                        features, Selection.ofIndices(new int[] {1, 2}, features)));
    }

    @Test
    void isZeroForTheFullSetAndInfiniteForAClassWithoutPoints() {
        LabelledFeatures features = Points.line(new float[] {0, 1, 5}, 0, 0, 1);
        assertEquals(
                0.0,
                Representativeness.epsilon(
                        features, Selection.ofIndices(new int[] {0, 1, 2}, features)));
        assertEquals(
                Double.POSITIVE_INFINITY,
                Representativeness.epsilon(
                        features, Selection.ofIndices(new int[] {0, 1}, features)));
    }

    @Test
    void measuresSyntheticPointsAsTheyAre() {
        // one centroid at the mean of {0, 2, 10} = 4: worst is 10 - 4 = 6
        LabelledFeatures features = Points.line(new float[] {0, 2, 10}, 0, 0, 0);
        Selection centroid = Selection.ofGroups(new int[][] {{0, 1, 2}}, features);
        assertEquals(6.0, Representativeness.epsilon(features, centroid), 1e-6);
    }

    @Test
    void equalsTheBruteForceMaximumOnRandomData() {
        Random random = new Random(5);
        int n = 600;
        int dim = 7;
        float[] data = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(4);
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] = (float) random.nextGaussian() + labels[i];
            }
        }
        LabelledFeatures features = LabelledFeatures.of(data, dim, labels);
        for (double p : new double[] {0.1, 0.5}) {
            Selection selection = new StratifiedRandom().select(features, p, 9);
            assertEquals(
                    bruteForce(features, selection),
                    Representativeness.epsilon(features, selection));
        }
    }

    /** Every sample against every kept point of its class, no pruning. */
    private static double bruteForce(LabelledFeatures features, Selection selection) {
        int dim = features.dim();
        float[] x = features.data();
        double epsilon = 0;
        for (int i = 0; i < features.rows(); i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int r = 0; r < selection.size(); r++) {
                int k = selection.group(r)[0];
                if (features.label(k) == features.label(i)) {
                    double d = 0;
                    for (int j = 0; j < dim; j++) {
                        d = Math.max(d, Math.abs((double) x[i * dim + j] - x[k * dim + j]));
                    }
                    nearest = Math.min(nearest, d);
                }
            }
            epsilon = Math.max(epsilon, nearest);
        }
        return epsilon;
    }
}
