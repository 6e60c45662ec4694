package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MatrixDecompositionRankingTest {

    private static MatrixDecompositionRanking.Rows rows(double[][] samples) {
        return new MatrixDecompositionRanking.Rows() {
            @Override
            public int dim() {
                return samples[0].length;
            }

            @Override
            public int count() {
                return samples.length;
            }

            @Override
            public void fill(int j, double[] row) {
                System.arraycopy(samples[j], 0, row, 0, row.length);
            }
        };
    }

    @Test
    void scoresWeighTheInverseSingularValues() {
        // X = columns (2,0) and (0,1): U = I, s = (2, 1), w = (1/2, 1) / 1.5 = (1/3, 2/3).
        // x1^ = (1,0): 1/3 * -ln 1 + 2/3 * -ln 0.001 = 4.605170; x2^ = (0,1): 1/3 * 6.907755
        double[] scores = MatrixDecompositionRanking.scores(rows(new double[][] {{2, 0}, {0, 1}}));
        assertEquals(2.0 / 3 * -Math.log(0.001), scores[0], 1e-9);
        assertEquals(1.0 / 3 * -Math.log(0.001), scores[1], 1e-9);
    }

    @Test
    void dropsDirectionsWithoutVariance() {
        // Columns (1,0,0) and (3,0,0): rank 1, U = (1,0,0), s = sqrt(10): w = 1, both |x^ . u| = 1
        double[] scores =
                MatrixDecompositionRanking.scores(rows(new double[][] {{1, 0, 0}, {3, 0, 0}}));
        assertArrayEquals(new double[] {0, 0}, scores, 1e-9);
    }

    @Test
    void keepsTheHighestProductOfWithinClassAndAllSampleScoresOverall() {
        // Class 0: (2,0), (0,1); class 1: (5,5), (1,1) (rank 1 within: both score 0, product 0).
        LabelledFeatures features =
                Points.of(new float[][] {{2, 0}, {0, 1}, {5, 5}, {1, 1}}, 0, 0, 1, 1);
        double[] within = MatrixDecompositionRanking.scores(rows(new double[][] {{2, 0}, {0, 1}}));
        double[] all =
                MatrixDecompositionRanking.scores(
                        rows(
                                new double[][] {
                                    {2, 0, 1, 0}, {0, 1, 1, 0}, {5, 5, 0, 1}, {1, 1, 0, 1}
                                }));
        int expected = within[0] * all[0] >= within[1] * all[1] ? 0 : 1;
        // floor(0.25 * 4) = 1 sample overall: class 0's better one, class 1 keeps none
        assertArrayEquals(
                new int[] {expected},
                new MatrixDecompositionRanking().select(features, 0.25, 0).indices());
        assertArrayEquals(
                new int[] {0, 1},
                new MatrixDecompositionRanking().select(features, 0.5, 0).indices());
    }
}
