package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.checkLoss;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.L2Loss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PerSampleL2LossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDArray pred() {
        return manager.create(new float[][] {{1, 2, 3}, {0, -1, 0.5f}});
    }

    private NDArray labels() {
        return manager.create(new float[][] {{1.5f, 0, 3}, {2, -1, -0.5f}});
    }

    @Test
    void defaultWeightIsOneHalf() {
        // row 0: (0.25 + 4 + 0) / 3 / 2; row 1: (4 + 0 + 1) / 3 / 2
        double[] expected = {0.5 * 4.25 / 3, 0.5 * 5.0 / 3};
        PerSampleL2Loss loss = new PerSampleL2Loss();
        assertEquals("L2Loss", loss.getName());
        assertEquals(0.5f, loss.getWeight());
        checkLoss(loss, expected, labels(), pred());
        assertEquals(djl(new L2Loss(), labels(), pred()), mean(expected), TOL);
    }

    @Test
    void customWeight() {
        double[] expected = {0.3 * 4.25 / 3, 0.3 * 5.0 / 3};
        checkLoss(new PerSampleL2Loss("l2", 0.3f), expected, labels(), pred());
        assertEquals(djl(new L2Loss("l2", 0.3f), labels(), pred()), mean(expected), TOL);
    }

    @Test
    void oneDimensionalPredictionsGiveOneValuePerRow() {
        NDArray p = manager.create(new float[] {1, 2, 4});
        NDArray l = manager.create(new float[] {0, 2, 1});
        double[] expected = {0.5, 0, 4.5};
        checkLoss(new PerSampleL2Loss(), expected, l, p);
        assertEquals(djl(new L2Loss(), l, p), mean(expected), TOL);
    }

    @Test
    void labelsOfShapeBAgainstPredictionsBx1() {
        NDArray p = manager.create(new float[] {1, 2, 4}, new Shape(3, 1));
        NDArray l = manager.create(new float[] {0, 2, 1});
        checkLoss(new PerSampleL2Loss(), new double[] {0.5, 0, 4.5}, l, p);
    }

    @Test
    void threeDimensionalPredictionsAverageOverAllNonBatchAxes() {
        NDArray p = manager.create(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, new Shape(2, 2, 2));
        NDArray l = manager.create(new float[] {1, 2, 3, 1, 0, 0, 0, 4}, new Shape(2, 2, 2));
        // row 0: (0 + 1 + 4 + 0) / 4 / 2; row 1: (0 + 0 + 0 + 16) / 4 / 2
        double[] expected = {5.0 / 8, 16.0 / 8};
        checkLoss(new PerSampleL2Loss(), expected, l, p);
        assertEquals(djl(new L2Loss(), l, p), mean(expected), TOL);
    }

    @Test
    void labelSizeMismatchIsAClearError() {
        NDArray l = manager.create(new float[] {1, 2});
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new PerSampleL2Loss()
                                        .evaluatePerSample(new NDList(l), new NDList(pred())));
        assertTrue(e.getMessage().contains("labels of shape (2)"), e.getMessage());
        assertTrue(e.getMessage().contains("predictions of shape (2, 3)"), e.getMessage());
    }

    @Test
    void nonFiniteWeightIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PerSampleL2Loss("l2", Float.NaN));
    }
}
