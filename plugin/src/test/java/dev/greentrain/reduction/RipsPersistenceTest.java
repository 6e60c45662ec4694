package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RipsPersistenceTest {

    private static final Comparator<RipsPersistence.Bar> BY_BIRTH_THEN_DEATH =
            Comparator.comparingDouble(RipsPersistence.Bar::birth)
                    .thenComparingDouble(RipsPersistence.Bar::death);

    @Test
    void theCohomologyBarsEqualTheReferenceColumnReductionOnRandomClouds() {
        Random random = new Random(3);
        RipsPersistence workspace = new RipsPersistence(60);
        for (int trial = 0; trial < 30; trial++) {
            int n = 3 + random.nextInt(58);
            int dim = 1 + trial % 5;
            double[] points = new double[n * dim];
            for (int i = 0; i < points.length; i++) {
                points[i] = random.nextGaussian();
            }
            if (trial % 3 == 0) { // a noisy circle: one long H1 bar among short ones
                for (int i = 0; i < n && dim >= 2; i++) {
                    points[i * dim] += 3 * Math.cos(2 * Math.PI * i / n);
                    points[i * dim + 1] += 3 * Math.sin(2 * Math.PI * i / n);
                }
            }
            assertSameBars(points, n, dim, workspace, "trial " + trial);
        }
    }

    @Test
    void theCohomologyBarsEqualTheReferenceOnAGridFullOfEqualDistances() {
        double[] grid = new double[2 * 25];
        for (int i = 0; i < 25; i++) {
            grid[2 * i] = i % 5;
            grid[2 * i + 1] = i / 5;
        }
        assertSameBars(grid, 25, 2, new RipsPersistence(25), "5 x 5 grid");
    }

    @Test
    void aCircleOfOneHundredPointsHasOneLongLoop() {
        int n = 100;
        double[] points = new double[2 * n];
        for (int i = 0; i < n; i++) {
            points[2 * i] = Math.cos(2 * Math.PI * i / n);
            points[2 * i + 1] = Math.sin(2 * Math.PI * i / n);
        }
        List<RipsPersistence.Bar> h1 = RipsPersistence.bars(points, n, 2, 1).get(1);
        // born at the side 2 sin(pi / n), filled when the triangle of three thirds exists: the
        // longest edge of the best inscribed triangle, 2 sin(pi * 33 / n) (vertex gaps 33, 33, 34)
        List<RipsPersistence.Bar> longBars =
                h1.stream().filter(b -> b.persistence() > 1e-9).toList();
        assertEquals(1, longBars.size(), longBars.toString());
        assertEquals(2 * Math.sin(Math.PI / n), longBars.get(0).birth(), 1e-12);
        assertEquals(2 * Math.sin(Math.PI * 34 / n), longBars.get(0).death(), 1e-12);
    }

    private static void assertSameBars(
            double[] points, int n, int dim, RipsPersistence workspace, String label) {
        double[] distance = RipsPersistence.distances(points, n, dim);
        workspace.compute(distance, n, 1);
        List<List<RipsPersistence.Bar>> reference =
                ReferenceRipsPersistence.bars(points, n, dim, 1);
        for (int dimension = 0; dimension <= 1; dimension++) {
            List<RipsPersistence.Bar> fast =
                    workspace.bars(dimension).stream().sorted(BY_BIRTH_THEN_DEATH).toList();
            List<RipsPersistence.Bar> slow =
                    reference.get(dimension).stream().sorted(BY_BIRTH_THEN_DEATH).toList();
            assertEquals(slow, fast, label + ", H" + dimension);
            assertEquals(
                    ReferenceRipsPersistence.maxPersistence(reference.get(dimension)),
                    workspace.maxPersistence(dimension),
                    label + ", H" + dimension);
        }
    }
}
