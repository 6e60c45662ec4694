package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.checkLoss;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.L1Loss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PerSampleL1LossTest {

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
        return manager.create(new float[][] {{1, 2, 3, 0}, {0, -1, 0.5f, 2}});
    }

    private NDArray labels() {
        return manager.create(new float[][] {{1.5f, 0, 3, 1}, {2, -1, -0.5f, 2}});
    }

    @Test
    void defaultWeightMatchesDjl() {
        // row 0: (0.5 + 2 + 0 + 1) / 4; row 1: (2 + 0 + 1 + 0) / 4
        double[] expected = {3.5 / 4, 3.0 / 4};
        PerSampleL1Loss loss = new PerSampleL1Loss();
        assertEquals("L1Loss", loss.getName());
        assertEquals(1f, loss.getWeight());
        checkLoss(loss, expected, labels(), pred());
        assertEquals(djl(new L1Loss(), labels(), pred()), mean(expected), TOL);
    }

    @Test
    void weightedL1IsWeightTimesAbsoluteErrorUnlikeDjl() {
        double[] expected = {0.3 * 3.5 / 4, 0.3 * 3.0 / 4};
        checkLoss(new PerSampleL1Loss("l1", 0.3f), expected, labels(), pred());

        // DJL 0.35.1 bug: with weight != 1 it returns mean(weight * label), ignoring predictions
        double djlValue = djl(new L1Loss("l1", 0.3f), labels(), pred());
        double weightedLabels = 0.3 * (1.5 + 0 + 3 + 1 + 2 - 1 - 0.5 + 2) / 8;
        assertEquals(weightedLabels, djlValue, TOL);
        assertNotEquals(mean(expected), djlValue, 1e-3);
    }
}
