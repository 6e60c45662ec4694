package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.assertPerSample;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.logSoftmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.ElasticNetWeightDecay;
import ai.djl.training.loss.HingeLoss;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.MaskedSoftmaxCrossEntropyLoss;
import ai.djl.training.loss.QuantileL1Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SingleShotDetectionLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PerSampleLossesTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDArray evalPerSample(PerSampleLoss loss, NDArray labels, NDArray pred) {
        return PerSampleLosses.evaluatePerSample(loss, new NDList(labels), new NDList(pred));
    }

    private NDArray regressionPred() {
        return manager.create(new float[][] {{1, 2}, {0, -1}, {0.5f, 3}});
    }

    private NDArray regressionLabels() {
        return manager.create(new float[][] {{2, 2}, {1, -1}, {-0.5f, 4}});
    }

    @Test
    void softmaxCrossEntropyWithNonDefaultOptions() {
        // dense labels, log-probability predictions, classAxis 1, weight 0.3
        double[][] logits = {{1, 2, 0}, {0.5, -1, 2}};
        double[][] target = {{0, 1, 0}, {0.5, 0, 0.5}};
        double[][] logP = {logSoftmax(logits[0]), logSoftmax(logits[1])};
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected[i] -= 0.3 * target[i][j] * logP[i][j];
            }
        }
        NDArray pred = manager.create(LossTestSupport.toFloat(logP));
        NDArray lab = manager.create(LossTestSupport.toFloat(target));
        SoftmaxCrossEntropyLoss djlLoss = new SoftmaxCrossEntropyLoss("ce", 0.3f, 1, false, false);

        PerSampleLoss mapped = PerSampleLosses.of(djlLoss);
        PerSampleSoftmaxCrossEntropyLoss ce =
                assertInstanceOf(PerSampleSoftmaxCrossEntropyLoss.class, mapped);
        assertEquals("ce", ce.getName());
        assertEquals(0.3f, ce.getWeight());
        assertEquals(1, ce.getClassAxis());
        assertFalse(ce.isSparseLabel());
        assertFalse(ce.isFromLogit());
        NDArray perSample = evalPerSample(mapped, lab, pred);
        assertPerSample(expected, perSample);
        assertEquals(djl(djlLoss, lab, pred), perSample.mean().getFloat(), TOL);
    }

    @Test
    void l2WithWeight() {
        L2Loss djlLoss = new L2Loss("l2", 0.3f);
        PerSampleL2Loss mapped =
                assertInstanceOf(PerSampleL2Loss.class, PerSampleLosses.of(djlLoss));
        assertEquals("l2", mapped.getName());
        assertEquals(0.3f, mapped.getWeight());
        // squared errors: (1, 0), (1, 0), (1, 1)
        double[] expected = {0.3 * 0.5, 0.3 * 0.5, 0.3 * 1};
        NDArray perSample = evalPerSample(mapped, regressionLabels(), regressionPred());
        assertPerSample(expected, perSample);
        assertEquals(
                djl(djlLoss, regressionLabels(), regressionPred()),
                perSample.mean().getFloat(),
                TOL);
    }

    @Test
    void l1WithWeightIsMappedToTheFixedLoss() {
        L1Loss djlLoss = new L1Loss("l1", 0.3f);
        PerSampleL1Loss mapped =
                assertInstanceOf(PerSampleL1Loss.class, PerSampleLosses.of(djlLoss));
        assertEquals("l1", mapped.getName());
        assertEquals(0.3f, mapped.getWeight());
        // absolute errors: (1, 0), (1, 0), (1, 1)
        assertPerSample(
                new double[] {0.15, 0.15, 0.3},
                evalPerSample(mapped, regressionLabels(), regressionPred()));
    }

    @Test
    void l1WithDefaultWeightMatchesDjl() {
        L1Loss djlLoss = new L1Loss();
        NDArray perSample =
                evalPerSample(PerSampleLosses.of(djlLoss), regressionLabels(), regressionPred());
        assertPerSample(new double[] {0.5, 0.5, 1}, perSample);
        assertEquals(
                djl(djlLoss, regressionLabels(), regressionPred()),
                perSample.mean().getFloat(),
                TOL);
    }

    @Test
    void sigmoidBceFromSigmoidWithWeight() {
        SigmoidBinaryCrossEntropyLoss djlLoss =
                new SigmoidBinaryCrossEntropyLoss("bce", 0.3f, true);
        PerSampleSigmoidBinaryCrossEntropyLoss mapped =
                assertInstanceOf(
                        PerSampleSigmoidBinaryCrossEntropyLoss.class, PerSampleLosses.of(djlLoss));
        assertEquals("bce", mapped.getName());
        assertEquals(0.3f, mapped.getWeight());
        assertTrue(mapped.isFromSigmoid());
        NDArray p = manager.create(new float[] {0.25f, 0.5f});
        NDArray z = manager.create(new float[] {1, 0});
        NDArray perSample = evalPerSample(mapped, z, p);
        assertPerSample(new double[] {-0.3 * Math.log(0.25), -0.3 * Math.log(0.5)}, perSample);
        // DJL's sign bug
        assertEquals(-perSample.mean().getFloat(), djl(djlLoss, z, p), TOL);
    }

    @Test
    void sigmoidBceFromLogitsWithWeightMatchesDjl() {
        SigmoidBinaryCrossEntropyLoss djlLoss =
                new SigmoidBinaryCrossEntropyLoss("bce", 0.3f, false);
        NDArray x = manager.create(new float[] {0, 2});
        NDArray z = manager.create(new float[] {1, 0});
        NDArray perSample = evalPerSample(PerSampleLosses.of(djlLoss), z, x);
        // -ln(sigmoid(0)) = ln 2; -ln(1 - sigmoid(2)) = 2 + ln(1 + e^-2)
        assertPerSample(
                new double[] {0.3 * Math.log(2), 0.3 * (2 + Math.log(1 + Math.exp(-2)))},
                perSample);
        assertEquals(djl(djlLoss, z, x), perSample.mean().getFloat(), TOL);
    }

    @Test
    void hingeWithMarginAndWeight() {
        HingeLoss djlLoss = new HingeLoss("h", 2, 0.3f);
        PerSampleHingeLoss mapped =
                assertInstanceOf(PerSampleHingeLoss.class, PerSampleLosses.of(djlLoss));
        assertEquals("h", mapped.getName());
        assertEquals(2, mapped.getMargin());
        assertEquals(0.3f, mapped.getWeight());
        NDArray p = manager.create(new float[] {3, 0.5f, -1});
        NDArray y = manager.create(new float[] {1, 1, 1});
        NDArray perSample = evalPerSample(mapped, y, p);
        assertPerSample(new double[] {0, 0.3 * 1.5, 0.3 * 3}, perSample);
        assertEquals(djl(djlLoss, y, p), perSample.mean().getFloat(), TOL);
    }

    @Test
    void quantile() {
        QuantileL1Loss djlLoss = new QuantileL1Loss("p90", 0.9f);
        PerSampleQuantileL1Loss mapped =
                assertInstanceOf(PerSampleQuantileL1Loss.class, PerSampleLosses.of(djlLoss));
        assertEquals("p90", mapped.getName());
        assertEquals(0.9f, mapped.getQuantile());
        NDArray p = manager.create(new float[] {1, 3});
        NDArray y = manager.create(new float[] {2, 1});
        NDArray perSample = evalPerSample(mapped, y, p);
        // under-prediction by 1: 2 * 1 * 0.9; over-prediction by 2: 2 * 2 * 0.1
        assertPerSample(new double[] {1.8, 0.4}, perSample);
        assertEquals(djl(djlLoss, y, p), perSample.mean().getFloat(), TOL);
    }

    @Test
    void defaultBuiltInsKeepTheirNames() {
        assertEquals(
                "SoftmaxCrossEntropyLoss",
                ((Loss) PerSampleLosses.of(new SoftmaxCrossEntropyLoss())).getName());
        assertEquals("L2Loss", ((Loss) PerSampleLosses.of(new L2Loss())).getName());
        assertEquals(0.5f, ((PerSampleL2Loss) PerSampleLosses.of(new L2Loss())).getWeight());
    }

    @Test
    void perSampleLossIsReturnedAsIs() {
        PerSampleL2Loss ours = new PerSampleL2Loss();
        assertSame(ours, PerSampleLosses.of(ours));
        CustomPerSample custom = new CustomPerSample();
        assertSame(custom, PerSampleLosses.of(custom));
    }

    @Test
    void customLossIsRejectedWithInstructions() {
        Loss custom = new CustomScalarLoss();
        UnsupportedLossException e =
                assertThrows(UnsupportedLossException.class, () -> PerSampleLosses.of(custom));
        String message = e.getMessage();
        assertTrue(message.contains(CustomScalarLoss.class.getName()), message);
        assertTrue(message.contains("'myLoss'"), message);
        assertTrue(message.contains("no per-sample form"), message);
        assertTrue(message.contains("PerSampleLoss"), message);
        assertTrue(
                message.contains(
                        "implement dev.greentrain.loss.PerSampleLoss on your loss (return one value"
                                + " per row, shape (B)) or use one of the PerSample* losses"),
                message);
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void subclassOfABuiltInIsNotSilentlyMapped() {
        Loss sub =
                new L2Loss("scaled") {
                    @Override
                    public NDArray evaluate(NDList labels, NDList predictions) {
                        return super.evaluate(labels, predictions).mul(10);
                    }
                };
        UnsupportedLossException e =
                assertThrows(UnsupportedLossException.class, () -> PerSampleLosses.of(sub));
        assertTrue(e.getMessage().contains(sub.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("extends ai.djl.training.loss.L2Loss"), e.getMessage());
        assertTrue(e.getMessage().contains("PerSampleLoss"), e.getMessage());
    }

    @Test
    void otherDjlLossesAreRejected() {
        NDList params = new NDList(manager.ones(new ai.djl.ndarray.types.Shape(2)));
        for (Loss loss :
                new Loss[] {
                    new MaskedSoftmaxCrossEntropyLoss(),
                    new SingleShotDetectionLoss(),
                    new ElasticNetWeightDecay(params)
                }) {
            UnsupportedLossException e =
                    assertThrows(UnsupportedLossException.class, () -> PerSampleLosses.of(loss));
            assertTrue(e.getMessage().contains(loss.getClass().getName()), e.getMessage());
        }
    }

    @Test
    void nullLossIsRejected() {
        assertThrows(NullPointerException.class, () -> PerSampleLosses.of(null));
    }

    @Test
    void perSampleResultOfWrongShapeIsAClearError() {
        PerSampleLoss bad = (labels, predictions) -> predictions.head().sum(new int[] {1}, true);
        NDList pred = new NDList(regressionPred());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> PerSampleLosses.evaluatePerSample(bad, pred, pred));
        assertTrue(e.getMessage().contains("shape (3, 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("shape (3)"), e.getMessage());
    }

    @Test
    void missingFieldIsAnIllegalStateNamingFieldAndClass() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> PerSampleLosses.read(new L2Loss(), "margin", Integer.class));
        assertTrue(e.getMessage().contains("'margin'"), e.getMessage());
        assertTrue(e.getMessage().contains("ai.djl.training.loss.L2Loss"), e.getMessage());
    }

    /** A user's loss with only a scalar form. */
    private static final class CustomScalarLoss extends Loss {
        CustomScalarLoss() {
            super("myLoss");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return predictions.head().sub(labels.head()).abs().mean();
        }
    }

    /** A user's loss that implements the per-sample form itself. */
    private static final class CustomPerSample extends Loss implements PerSampleLoss {
        CustomPerSample() {
            super("mine");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return evaluatePerSample(labels, predictions).mean();
        }

        @Override
        public NDArray evaluatePerSample(NDList labels, NDList predictions) {
            return predictions.head().sub(labels.head()).abs().mean(new int[] {1});
        }
    }
}
