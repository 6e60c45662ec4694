package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProtoDashTest {

    @Test
    void theQuadraticProgrammeMeetsItsBox() {
        double[] k = {1, 0.5, 0.5, 1};
        // u = (1, 1): interior optimum K^-1 u = (2/3, 2/3)
        double[] w = new double[2];
        BoxQuadraticProgram.solve(k, new double[] {1, 1}, w, 2, 10000, 1e-12, 100000);
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3}, w, 1e-9);
        // u = (1, 0): unconstrained (4/3, -2/3), so w2 = 0 and w1 = u1 / K11 = 1
        w = new double[] {0.3, 0.3};
        BoxQuadraticProgram.solve(k, new double[] {1, 0}, w, 2, 10000, 1e-12, 100000);
        assertArrayEquals(new double[] {1, 0}, w, 1e-9);
        // the upper bound: K = 1, u = 20000 -> 10000
        w = new double[1];
        BoxQuadraticProgram.solve(new double[] {1}, new double[] {20000}, w, 1, 10000, 1e-12, 10);
        assertEquals(10000, w[0]);
    }

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
    void refusesANonPositiveSigma() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProtoDash.gaussian(0));
        assertEquals(
                "ProtoDash sigma = 0.0 is invalid: it must be positive, e.g. 2.", e.getMessage());
    }
}
