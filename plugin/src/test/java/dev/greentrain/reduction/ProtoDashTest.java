package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtoDashTest {

    @Test
    void thePrototypesAreTheDenseSampleThenTheUncoveredOne() {
        // x = 0, 0, 0, 10, sigma 2: mu = 0.75 (+ e^-12.5 / 4) for the zeros, 0.25 (+ ...) for 10.
        // First: index 0 (the largest mu^2 / 2, ties lowest), w = 0.75. Gradients: the other
        // zeros 0.75 - 0.75 * 1 = 0, the 10: 0.25 - 0.75 e^-12.5 > 0, so 10 is next.
        LabelledFeatures features = Points.line(new float[] {0, 0, 0, 10}, 0, 0, 0, 0);
        ProtoDash.Prototypes prototypes =
                ProtoDash.gaussian(2).prototypes(features, new int[] {0, 1, 2, 3}, 2);
        assertArrayEquals(new int[] {0, 3}, prototypes.indices());
        // weights: K_S ~ I, so w ~ mu_S = (0.75, 0.25)
        assertArrayEquals(new double[] {0.75, 0.25}, prototypes.weights(), 1e-4);
    }

    @Test
    void keepsFloorOfPTimesEachClass() {
        LabelledFeatures features =
                Points.line(new float[] {0, 0, 0, 10, 20, 21}, 0, 0, 0, 0, 1, 1);
        Selection selection = ProtoDash.gaussian(2).select(features, 0.5, 0);
        assertArrayEquals(new int[] {0, 3, 4}, selection.indices());
    }

    @Test
    void choosesTheSamePrototypesAsTheCoordinateDescentReference() {
        // three classes of 120 points in 6-d, clustered so that some weights end at 0
        Random random = new Random(5);
        int n = 360;
        int dim = 6;
        float[] data = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            int cluster = random.nextInt(4);
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] =
                        (float) (0.3 * random.nextGaussian() + (j == cluster ? 1.5 : 0));
            }
        }
        LabelledFeatures features = LabelledFeatures.of(data, dim, labels);
        for (double sigma : new double[] {0.5, 2}) {
            for (int c = 0; c < 3; c++) {
                int[] members = features.classes().members(c);
                for (int m : new int[] {12, 60}) {
                    ProtoDash.Prototypes fast =
                            ProtoDash.gaussian(sigma).prototypes(features, members, m);
                    ProtoDash.Prototypes slow =
                            ReferenceProtoDash.prototypes(features, members, m, sigma);
                    String label = "sigma " + sigma + ", class " + c + ", m " + m;
                    assertArrayEquals(slow.indices(), fast.indices(), label);
                    // the exact weights are at least as good as the coordinate descent's
                    double exact = objective(features, members, fast, sigma);
                    assertTrue(exact <= objective(features, members, slow, sigma) + 1e-12, label);
                    assertArrayEquals(slow.weights(), fast.weights(), 1e-4, label);
                }
            }
        }
    }

    /** The ProtoDash objective 1/2 w^T K_S w - mu_S^T w of chosen prototypes. */
    private static double objective(
            LabelledFeatures features, int[] members, ProtoDash.Prototypes chosen, double sigma) {
        int dim = features.dim();
        int[] s = chosen.indices();
        double[] w = chosen.weights();
        double value = 0;
        for (int a = 0; a < s.length; a++) {
            double mu = 0;
            for (int member : members) {
                mu += kernel(features, s[a], member, sigma, dim);
            }
            value -= w[a] * mu / members.length;
            for (int b = 0; b < s.length; b++) {
                value += 0.5 * w[a] * w[b] * kernel(features, s[a], s[b], sigma, dim);
            }
        }
        return value;
    }

    private static double kernel(LabelledFeatures features, int a, int b, double sigma, int dim) {
        double squared =
                LabelledFeatures.squaredDistance(
                        features.data(), a * dim, features.data(), b * dim, dim);
        return Math.exp(-squared / (2 * sigma * sigma));
    }

    @Test
    void refusesANonPositiveSigma() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProtoDash.gaussian(0));
        assertEquals(
                "ProtoDash sigma = 0.0 is invalid: it must be positive, e.g. 2.", e.getMessage());
    }
}
