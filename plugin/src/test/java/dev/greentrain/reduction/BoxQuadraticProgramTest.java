package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoxQuadraticProgramTest {

    private static final double UPPER = 10000;

    private static double[] solve(double[] k, double... u) {
        return BoxQuadraticProgram.solve(k, u, u.length, UPPER, 1e-12);
    }

    @Test
    void findsTheFreeOptimumInsideTheBox() {
        // K = [[2, 1], [1, 2]], u = (1, 1): K^-1 u = (1/3, 1/3)
        assertArrayEquals(
                new double[] {1.0 / 3, 1.0 / 3}, solve(new double[] {2, 1, 1, 2}, 1, 1), 1e-14);
    }

    @Test
    void holdsACoordinateAtZero() {
        // K = [[1, .5], [.5, 1]], u = (1, 0): unconstrained (4/3, -2/3), so w2 = 0 and w1 = 1;
        // then g2 = 0.5 * 1 - 0 >= 0
        assertArrayEquals(new double[] {1, 0}, solve(new double[] {1, 0.5, 0.5, 1}, 1, 0), 1e-14);
        // three variables, the middle one pushed below 0 by its neighbours: w = (1, 0, 1)
        double[] k = {1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1};
        assertArrayEquals(new double[] {1, 0, 1}, solve(k, 1, 0.5, 1), 1e-14);
    }

    @Test
    void holdsACoordinateAtTheUpperBound() {
        // K = [[1, .5], [.5, 1]], u = (20000, 6000): w1 = 10000 (g1 = 10000 + 500 - 20000 < 0),
        // then w2 = 6000 - 0.5 * 10000 = 1000
        assertArrayEquals(
                new double[] {10000, 1000},
                solve(new double[] {1, 0.5, 0.5, 1}, 20000, 6000),
                1e-9);
        assertArrayEquals(new double[] {10000}, solve(new double[] {1}, 20000), 0);
    }

    @Test
    void solvesASingularMatrixWithAPositiveDiagonal() {
        // K = [[1, 1], [1, 1]], u = (1, 0.5): w2 > 0 would need w1 + w2 = 0.5 and then g1 < 0,
        // so w = (1, 0)
        double[] singular = {1, 1, 1, 1};
        assertArrayEquals(new double[] {1, 0}, solve(singular, 1, 0.5), 1e-14);
        // u = (1, 1): every w >= 0 with w1 + w2 = 1 is optimal
        double[] w = solve(singular, 1, 1);
        assertEquals(1, w[0] + w[1], 1e-12);
        assertTrue(w[0] >= 0 && w[1] >= 0);
        // a duplicated variable next to an independent one: w1 + w2 = 1, w3 = 0.5
        double[] k = {1, 1, 0, 1, 1, 0, 0, 0, 2};
        w = solve(k, 1, 1, 1);
        assertEquals(1, w[0] + w[1], 1e-12);
        assertEquals(0.5, w[2], 1e-12);
        // the third column is the sum of the first two: freeing it after them meets a zero
        // curvature; the optimum is (0, 0, 1.25) (f = (x^2 + y^2) / 2 - x - y - w3 / 2 with
        // x = w1 + w3, y = w2 + w3, best at w3 = x = y = 1.25)
        k = new double[] {1, 0, 1, 0, 1, 1, 1, 1, 2};
        assertArrayEquals(new double[] {0, 0, 1.25}, solve(k, 1, 1, 2.5), 1e-12);
    }

    @Test
    void solvesANearlySingularMatrix() {
        // K = [[1, 1 - 1e-13], [1 - 1e-13, 1]], u = (1, 1): w1 = w2 = 1 / (2 - 1e-13)
        double c = 1 - 1e-13;
        double[] w = solve(new double[] {1, c, c, 1}, 1, 1);
        assertEquals(1, w[0] + c * w[1], 1e-12);
        assertEquals(1, c * w[0] + w[1], 1e-12);
        // u = (1, 0.9): the unconstrained optimum has huge weights of opposite signs; in the box
        // the second is 0 and the first 1
        assertArrayEquals(new double[] {1, 0}, solve(new double[] {1, c, c, 1}, 1, 0.9), 1e-12);
    }

    @Test
    void meetsTheOptimalityConditionsOnRandomProblemsGrownOneVariableAtATime() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int size = 2 + random.nextInt(40);
            int rank = trial % 3 == 0 ? 1 + random.nextInt(size) : size + 3;
            double[] k = randomPsd(random, size, rank);
            double upper = trial % 2 == 0 ? 1 : UPPER;
            BoxQuadraticProgram grown = new BoxQuadraticProgram(size, upper);
            double[] column = new double[size];
            double[] u = new double[size];
            for (int j = 0; j < size; j++) {
                u[j] = random.nextGaussian() * (trial % 2 == 0 ? 5 : 1);
                System.arraycopy(k, j * size, column, 0, j + 1);
                grown.add(column, u[j]);
                grown.solve(1e-12);
                assertTrue(
                        grown.kktViolation() <= 1e-9,
                        "trial " + trial + ", " + (j + 1) + " variables: " + grown.kktViolation());
            }
            double[] cold = BoxQuadraticProgram.solve(k, u, size, upper, 1e-12);
            double objective = objective(k, u, grown.weights());
            assertEquals(objective(k, u, cold), objective, 1e-9 * (1 + Math.abs(objective)));
        }
    }

    private static double[] randomPsd(Random random, int size, int rank) {
        double[] a = new double[size * rank];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        double[] k = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double sum = 0;
                for (int t = 0; t < rank; t++) {
                    sum += a[i * rank + t] * a[j * rank + t];
                }
                k[i * size + j] = sum;
            }
        }
        return k;
    }

    private static double objective(double[] k, double[] u, double[] w) {
        int size = w.length;
        double value = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                value += 0.5 * w[i] * k[i * size + j] * w[j];
            }
            value -= u[i] * w[i];
        }
        return value;
    }
}
