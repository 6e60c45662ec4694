package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.checkLoss;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerSampleSigmoidBinaryCrossEntropyLossTest {

    private static final double[][] LOGITS = {{2.0, -1.0, 0.5}, {-3.0, 0.0, 4.0}};
    private static final double[][] TARGETS = {{1, 0, 1}, {0, 1, 0.25}};

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Hand BCE -(z ln p + (1 - z) ln(1 - p)), mean per row, times weight. */
    private static double[] expected(double weight) {
        double[] out = new double[LOGITS.length];
        for (int i = 0; i < LOGITS.length; i++) {
            double sum = 0;
            for (int j = 0; j < LOGITS[i].length; j++) {
                double p = sigmoid(LOGITS[i][j]);
                double z = TARGETS[i][j];
                sum -= z * Math.log(p) + (1 - z) * Math.log(1 - p);
            }
            out[i] = weight * sum / LOGITS[i].length;
        }
        return out;
    }

    private NDArray logits() {
        return manager.create(LossTestSupport.toFloat(LOGITS));
    }

    private NDArray probabilities() {
        double[][] p = new double[LOGITS.length][LOGITS[0].length];
        for (int i = 0; i < LOGITS.length; i++) {
            for (int j = 0; j < LOGITS[i].length; j++) {
                p[i][j] = sigmoid(LOGITS[i][j]);
            }
        }
        return manager.create(LossTestSupport.toFloat(p));
    }

    private NDArray labels() {
        return manager.create(LossTestSupport.toFloat(TARGETS));
    }

    @ParameterizedTest(name = "weight={0}")
    @ValueSource(floats = {1f, 0.3f})
    void fromLogitsMatchesHandValuesAndDjl(float weight) {
        double[] expected = expected(weight);
        checkLoss(
                new PerSampleSigmoidBinaryCrossEntropyLoss("bce", weight, false),
                expected,
                labels(),
                logits());
        SigmoidBinaryCrossEntropyLoss reference =
                new SigmoidBinaryCrossEntropyLoss("bce", weight, false);
        assertEquals(djl(reference, labels(), logits()), mean(expected), TOL);
    }

    @ParameterizedTest(name = "weight={0}")
    @ValueSource(floats = {1f, 0.3f})
    void fromSigmoidIsPositiveBceUnlikeDjl(float weight) {
        double[] expected = expected(weight);
        checkLoss(
                new PerSampleSigmoidBinaryCrossEntropyLoss("bce", weight, true),
                expected,
                labels(),
                probabilities());

        // DJL 0.35.1 bug: fromSigmoid=true misses the minus sign and returns -BCE
        double djlValue =
                djl(
                        new SigmoidBinaryCrossEntropyLoss("bce", weight, true),
                        labels(),
                        probabilities());
        assertTrue(djlValue < 0, "DJL returns a negative cross-entropy: " + djlValue);
        assertEquals(-mean(expected), djlValue, TOL);
    }

    @Test
    void defaults() {
        PerSampleSigmoidBinaryCrossEntropyLoss loss = new PerSampleSigmoidBinaryCrossEntropyLoss();
        assertEquals("SigmoidBinaryCrossEntropyLoss", loss.getName());
        assertEquals(1f, loss.getWeight());
        assertFalse(loss.isFromSigmoid());
        checkLoss(loss, expected(1), labels(), logits());
    }

    @Test
    void largeLogitsAreStable() {
        NDArray x = manager.create(new float[] {100, -100, 100, -100});
        NDArray z = manager.create(new float[] {0, 1, 1, 0});
        // confidently wrong: loss ~ |x|; confidently right: loss ~ exp(-100) ~ 0
        checkLoss(
                new PerSampleSigmoidBinaryCrossEntropyLoss(), new double[] {100, 100, 0, 0}, z, x);
    }

    @Test
    void saturatedProbabilitiesStayFinite() {
        NDArray p = manager.create(new float[] {1, 0, 1, 0});
        NDArray z = manager.create(new float[] {1, 0, 0, 1});
        // right: -ln(1 + 1e-12) ~ 0; wrong: -ln(1e-12) = 27.631
        double wrong = -Math.log(1e-12);
        checkLoss(
                new PerSampleSigmoidBinaryCrossEntropyLoss("bce", 1, true),
                new double[] {0, 0, wrong, wrong},
                z,
                p);
    }
}
