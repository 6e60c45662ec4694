package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.checkLoss;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.QuantileL1Loss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerSampleQuantileL1LossTest {

    private static final double[][] PRED = {{1, 2, 3}, {0, -1, 4}};
    private static final double[][] LABEL = {{2, 2, 1}, {-0.5, 1, 4}};

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Hand pinball loss times 2: 2(p - y)(1 - q) if y <= p, else 2(y - p)q; mean per row. */
    private static double[] expected(double q, double weight) {
        double[] out = new double[PRED.length];
        for (int i = 0; i < PRED.length; i++) {
            double sum = 0;
            for (int j = 0; j < PRED[i].length; j++) {
                double p = PRED[i][j];
                double y = LABEL[i][j];
                sum += y <= p ? 2 * (p - y) * (1 - q) : 2 * (y - p) * q;
            }
            out[i] = weight * sum / PRED[i].length;
        }
        return out;
    }

    private NDArray pred() {
        return manager.create(LossTestSupport.toFloat(PRED));
    }

    private NDArray labels() {
        return manager.create(LossTestSupport.toFloat(LABEL));
    }

    @ParameterizedTest(name = "quantile={0}")
    @ValueSource(floats = {0.5f, 0.9f, 0.1f})
    void matchesHandValuesAndDjl(float q) {
        double[] expected = expected(q, 1);
        PerSampleQuantileL1Loss loss = new PerSampleQuantileL1Loss(q);
        assertEquals("QuantileL1Loss", loss.getName());
        checkLoss(loss, expected, labels(), pred());
        assertEquals(djl(new QuantileL1Loss(q), labels(), pred()), mean(expected), TOL);
    }

    @Test
    void weightScalesTheLoss() {
        checkLoss(
                new PerSampleQuantileL1Loss("p90", 0.9f, 0.3f),
                expected(0.9, 0.3),
                labels(),
                pred());
    }

    @ParameterizedTest(name = "quantile={0}")
    @ValueSource(floats = {0f, 1f, 1.5f, -0.1f, Float.NaN})
    void quantileOutsideOpenUnitIntervalIsRejected(float q) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new PerSampleQuantileL1Loss(q));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }
}
