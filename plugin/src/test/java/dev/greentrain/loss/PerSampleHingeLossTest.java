package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.checkLoss;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.HingeLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PerSampleHingeLossTest {

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
        return manager.create(new float[][] {{2, 0.5f, -0.25f}, {-3, 1, 0}});
    }

    /** Labels are -1 / +1, as in DJL. */
    private NDArray labels() {
        return manager.create(new float[][] {{1, 1, -1}, {1, -1, 1}});
    }

    @Test
    void defaultsMarginOneWeightOne() {
        // row 0: max(0, 1-2), max(0, 1-0.5), max(0, 1-0.25) = 0, 0.5, 0.75
        // row 1: max(0, 1+3), max(0, 1+1), max(0, 1-0) = 4, 2, 1
        double[] expected = {1.25 / 3, 7.0 / 3};
        PerSampleHingeLoss loss = new PerSampleHingeLoss();
        assertEquals("HingeLoss", loss.getName());
        assertEquals(1, loss.getMargin());
        assertEquals(1f, loss.getWeight());
        checkLoss(loss, expected, labels(), pred());
        assertEquals(djl(new HingeLoss(), labels(), pred()), mean(expected), TOL);
    }

    @Test
    void marginTwoWeightPointThree() {
        // row 0: 0, 1.5, 1.75; row 1: 5, 3, 2
        double[] expected = {0.3 * 3.25 / 3, 0.3 * 10.0 / 3};
        checkLoss(new PerSampleHingeLoss("h", 2, 0.3f), expected, labels(), pred());
        assertEquals(djl(new HingeLoss("h", 2, 0.3f), labels(), pred()), mean(expected), TOL);
    }

    @Test
    void zeroLabelCostsTheMarginLikeDjl() {
        NDArray p = manager.create(new float[] {5, -5});
        NDArray z = manager.create(new float[] {0, 0});
        checkLoss(new PerSampleHingeLoss(), new double[] {1, 1}, z, p);
        assertEquals(1, djl(new HingeLoss(), z, p), TOL);
    }

    @Test
    void negativeMarginIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PerSampleHingeLoss("h", -1, 1));
    }
}
