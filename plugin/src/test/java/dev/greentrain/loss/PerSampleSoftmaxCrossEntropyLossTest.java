package dev.greentrain.loss;

import static dev.greentrain.loss.LossTestSupport.TOL;
import static dev.greentrain.loss.LossTestSupport.checkLoss;
import static dev.greentrain.loss.LossTestSupport.djl;
import static dev.greentrain.loss.LossTestSupport.logSoftmax;
import static dev.greentrain.loss.LossTestSupport.mean;
import static dev.greentrain.loss.LossTestSupport.toFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerSampleSoftmaxCrossEntropyLossTest {

    private static final double[][] LOGITS = {
        {1.0, 2.0, 0.5, -1.0},
        {0.25, -0.5, 2.25, 0.0},
        {3.0, 1.0, -2.0, 0.5}
    };
    private static final int[] CLASSES = {1, 2, 0};
    private static final double[][] PROBS = {
        {0.125, 0.5, 0.25, 0.125},
        {0.0, 0.25, 0.75, 0.0},
        {1.0, 0.0, 0.0, 0.0}
    };

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Hand value of -weight * sum_j label_j log p_j per row (sparse: one-hot of CLASSES). */
    private static double[] expected(double weight, boolean sparse) {
        double[] out = new double[LOGITS.length];
        for (int i = 0; i < LOGITS.length; i++) {
            double[] logP = logSoftmax(LOGITS[i]);
            double ce = 0;
            for (int j = 0; j < logP.length; j++) {
                double target = sparse ? (j == CLASSES[i] ? 1 : 0) : PROBS[i][j];
                ce -= target * logP[j];
            }
            out[i] = weight * ce;
        }
        return out;
    }

    /** The predictions as the loss expects them: logits, or log-probabilities computed by hand. */
    private NDArray predictions(boolean fromLogit) {
        if (fromLogit) {
            return manager.create(toFloat(LOGITS));
        }
        double[][] logP = new double[LOGITS.length][];
        for (int i = 0; i < LOGITS.length; i++) {
            logP[i] = logSoftmax(LOGITS[i]);
        }
        return manager.create(toFloat(logP));
    }

    private NDArray labels(boolean sparse) {
        return sparse ? manager.create(CLASSES) : manager.create(toFloat(PROBS));
    }

    @ParameterizedTest(name = "weight={0} classAxis={1} sparse={2} fromLogit={3}")
    @CsvSource({
        "1.0, -1, true, true",
        "1.0, -1, true, false",
        "1.0, -1, false, true",
        "1.0, -1, false, false",
        "0.3, -1, true, true",
        "0.3, 1, true, false",
        "0.3, 1, false, true",
        "2.5, -1, false, false"
    })
    void matchesHandValuesAndDjlMean(
            float weight, int classAxis, boolean sparse, boolean fromLogit) {
        NDArray pred = predictions(fromLogit);
        NDArray lab = labels(sparse);
        double[] expected = expected(weight, sparse);
        PerSampleSoftmaxCrossEntropyLoss loss =
                new PerSampleSoftmaxCrossEntropyLoss("ce", weight, classAxis, sparse, fromLogit);

        checkLoss(loss, expected, lab, pred);
        SoftmaxCrossEntropyLoss reference =
                new SoftmaxCrossEntropyLoss("ce", weight, classAxis, sparse, fromLogit);
        assertEquals(djl(reference, lab, pred), mean(expected), TOL);
    }

    @Test
    void defaultsAreDjlDefaults() {
        PerSampleSoftmaxCrossEntropyLoss loss = new PerSampleSoftmaxCrossEntropyLoss();
        assertEquals("SoftmaxCrossEntropyLoss", loss.getName());
        assertEquals(1f, loss.getWeight());
        assertEquals(-1, loss.getClassAxis());
        assertTrue(loss.isSparseLabel());
        assertTrue(loss.isFromLogit());
        checkLoss(loss, expected(1, true), labels(true), predictions(true));
    }

    @Test
    void sparseLabelsOfShapeBx1AreAccepted() {
        NDArray lab = manager.create(CLASSES).reshape(3, 1);
        checkLoss(
                new PerSampleSoftmaxCrossEntropyLoss(), expected(1, true), lab, predictions(true));
    }

    @Test
    void weightIsAppliedPerRowWithoutBroadcastingToBxB() {
        NDArray perSample =
                new PerSampleSoftmaxCrossEntropyLoss("ce", 0.3f, -1, true, true)
                        .evaluatePerSample(new NDList(labels(true)), new NDList(predictions(true)));
        assertEquals(new Shape(3), perSample.getShape());
    }

    /** Predictions (B, C, T) = (2, 3, 2) with the classes on axis 1, e.g. a sequence model. */
    private static final double[][][] SEQ = {
        {{1.0, 0.0}, {2.0, -1.0}, {0.5, 3.0}},
        {{-1.0, 0.25}, {0.0, 0.5}, {1.5, -2.0}}
    };

    private static final int[][] SEQ_CLASSES = {{1, 2}, {2, 0}};

    private NDArray seqPredictions() {
        float[] flat = new float[12];
        int k = 0;
        for (double[][] sample : SEQ) {
            for (double[] cls : sample) {
                for (double v : cls) {
                    flat[k++] = (float) v;
                }
            }
        }
        return manager.create(flat, new Shape(2, 3, 2));
    }

    /** Hand value: per sample, the mean over the positions t of -log softmax_c(x[:, t])[label]. */
    private static double[] seqExpected(double weight) {
        double[] out = new double[2];
        for (int b = 0; b < 2; b++) {
            double sum = 0;
            for (int t = 0; t < 2; t++) {
                double[] column = {SEQ[b][0][t], SEQ[b][1][t], SEQ[b][2][t]};
                sum -= logSoftmax(column)[SEQ_CLASSES[b][t]];
            }
            out[b] = weight * sum / 2;
        }
        return out;
    }

    @Test
    void classAxisOneOnSequencesAveragesOverPositions() {
        NDArray pred = seqPredictions();
        NDArray lab = manager.create(SEQ_CLASSES);
        double[] expected = seqExpected(0.3);
        PerSampleSoftmaxCrossEntropyLoss loss =
                new PerSampleSoftmaxCrossEntropyLoss("seq", 0.3f, 1, true, true);

        checkLoss(loss, expected, lab, pred);
        // DJL's PyTorch pick cannot expand (B, T) indices against (B, C, T): give it (B, 1, T)
        SoftmaxCrossEntropyLoss reference = new SoftmaxCrossEntropyLoss("seq", 0.3f, 1, true, true);
        assertEquals(djl(reference, lab.reshape(2, 1, 2), pred), mean(expected), TOL);
    }

    @Test
    void classAxisOneWithDenseLabelsOnSequences() {
        NDArray pred = seqPredictions();
        float[] oneHot = new float[12];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 2; t++) {
                oneHot[b * 6 + SEQ_CLASSES[b][t] * 2 + t] = 1;
            }
        }
        NDArray lab = manager.create(oneHot, new Shape(2, 3, 2));
        PerSampleSoftmaxCrossEntropyLoss loss =
                new PerSampleSoftmaxCrossEntropyLoss("seq", 1, 1, false, true);

        checkLoss(loss, seqExpected(1), lab, pred);
        SoftmaxCrossEntropyLoss reference = new SoftmaxCrossEntropyLoss("seq", 1, 1, false, true);
        assertEquals(djl(reference, lab, pred), mean(seqExpected(1)), TOL);
    }

    @Test
    void lastClassAxisOnSequencesWhereDjlPickFails() {
        // predictions (B, T, C) = (2, 3, 4) with values k / 10, labels (B, T)
        NDArray pred = manager.arange(24f).reshape(2, 3, 4).div(10);
        int[][] classes = {{1, 2, 3}, {0, 1, 2}};
        NDArray lab = manager.create(classes);
        double[] expected = new double[2];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                double[] row = new double[4];
                for (int c = 0; c < 4; c++) {
                    row[c] = (b * 12 + t * 4 + c) / 10.0;
                }
                expected[b] -= logSoftmax(row)[classes[b][t]] / 3;
            }
        }
        checkLoss(new PerSampleSoftmaxCrossEntropyLoss(), expected, lab, pred);

        // DJL 0.35.1 on PyTorch: JniUtils.pick expands (B, T) indices to (B, B, 1), not (B, T, 1)
        NDList labels = new NDList(lab);
        NDList predictions = new NDList(pred);
        assertThrows(
                RuntimeException.class,
                () -> new SoftmaxCrossEntropyLoss().evaluate(labels, predictions));
        assertEquals(
                djl(new SoftmaxCrossEntropyLoss(), lab.reshape(2, 3, 1), pred),
                mean(expected),
                TOL);
    }

    @Test
    void sparseLabelCountMismatchIsAClearError() {
        NDArray lab = manager.create(new int[] {1, 2});
        PerSampleSoftmaxCrossEntropyLoss loss = new PerSampleSoftmaxCrossEntropyLoss();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                loss.evaluatePerSample(
                                        new NDList(lab), new NDList(predictions(true))));
        assertTrue(e.getMessage().contains("sparse labels of shape (2)"), e.getMessage());
        assertTrue(e.getMessage().contains("(3, 4)"), e.getMessage());
        assertTrue(e.getMessage().contains("sparseLabel=false"), e.getMessage());
    }

    @Test
    void denseLabelShapeMismatchIsAClearError() {
        NDArray lab = manager.create(CLASSES);
        PerSampleSoftmaxCrossEntropyLoss loss =
                new PerSampleSoftmaxCrossEntropyLoss("ce", 1, -1, false, true);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                loss.evaluatePerSample(
                                        new NDList(lab), new NDList(predictions(true))));
        assertTrue(e.getMessage().contains("labels of shape (3)"), e.getMessage());
    }

    @Test
    void batchAxisAsClassAxisIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new PerSampleSoftmaxCrossEntropyLoss("ce", 1, 0, true, true));
        PerSampleSoftmaxCrossEntropyLoss loss =
                new PerSampleSoftmaxCrossEntropyLoss("ce", 1, -2, true, true);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                loss.evaluatePerSample(
                                        new NDList(labels(true)), new NDList(predictions(true))));
        assertTrue(e.getMessage().contains("classAxis -2"), e.getMessage());
    }

    @Test
    void twoPredictionArraysAreAClearError() {
        PerSampleSoftmaxCrossEntropyLoss loss = new PerSampleSoftmaxCrossEntropyLoss();
        NDList preds = new NDList(predictions(true), predictions(true));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> loss.evaluatePerSample(new NDList(labels(true)), preds));
        assertTrue(e.getMessage().contains("exactly 1 predictions array"), e.getMessage());
    }

    @Test
    void worksAsADjlEvaluator() {
        PerSampleSoftmaxCrossEntropyLoss loss = new PerSampleSoftmaxCrossEntropyLoss();
        loss.addAccumulator("train");
        loss.updateAccumulator("train", new NDList(labels(true)), new NDList(predictions(true)));
        assertEquals(mean(expected(1, true)), loss.getAccumulator("train"), TOL);
    }
}
