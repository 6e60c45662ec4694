package dev.greentrain.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/** Shared assertions and hand-computed math for the per-sample loss tests. */
final class LossTestSupport {

    static final double TOL = 1e-5;

    private LossTestSupport() {}

    /** Asserts the per-sample result has shape (B) and the hand-computed values. */
    static void assertPerSample(double[] expected, NDArray actual) {
        assertEquals(new Shape(expected.length), actual.getShape(), "per-sample shape");
        float[] got = actual.toFloatArray();
        double[] gotD = new double[got.length];
        for (int i = 0; i < got.length; i++) {
            gotD[i] = got[i];
        }
        assertArrayEquals(expected, gotD, TOL);
    }

    /** Evaluates a per-sample loss, checks it against the hand values and its own scalar mean. */
    static NDArray checkLoss(
            AbstractPerSampleLoss loss, double[] expected, NDArray labels, NDArray predictions) {
        NDList lab = new NDList(labels);
        NDList pred = new NDList(predictions);
        NDArray perSample = loss.evaluatePerSample(lab, pred);
        assertPerSample(expected, perSample);
        NDArray scalar = loss.evaluate(lab, pred);
        assertEquals(new Shape(), scalar.getShape(), "evaluate() must return a scalar");
        assertEquals(mean(expected), scalar.getFloat(), TOL, "evaluate() is the mean");
        return perSample;
    }

    /** Returns DJL's scalar loss. */
    static double djl(Loss loss, NDArray labels, NDArray predictions) {
        NDArray value = loss.evaluate(new NDList(labels), new NDList(predictions));
        return value.getFloat();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Log-softmax of one row, computed by hand. */
    static double[] logSoftmax(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : row) {
            sum += Math.exp(v - max);
        }
        double logSum = max + Math.log(sum);
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] - logSum;
        }
        return out;
    }

    static float[][] toFloat(double[][] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new float[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = (float) values[i][j];
            }
        }
        return out;
    }
}
