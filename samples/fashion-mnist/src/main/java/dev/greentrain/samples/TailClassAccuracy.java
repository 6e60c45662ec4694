package dev.greentrain.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.AbstractAccuracy;
import ai.djl.util.Pair;

/**
 * Accuracy over the samples whose true class is a tail class, {@code firstTailClass} and above:
 * correct predictions among them divided by their count ({@code NaN} while there are none).
 */
public final class TailClassAccuracy extends AbstractAccuracy {

    /** The evaluator's name, as the trainer's results hold it. */
    public static final String NAME = "TailClassAccuracy";

    private final int firstTailClass;

    /**
     * Creates the evaluator for sparse labels and class scores along axis 1.
     *
     * @param firstTailClass the smallest class id counted as a tail class
     */
    public TailClassAccuracy(int firstTailClass) {
        super(NAME);
        this.firstTailClass = firstTailClass;
    }

    /** {@inheritDoc} */
    @Override
    protected Pair<Long, NDArray> accuracyHelper(NDList labels, NDList predictions) {
        NDArray predicted = predictions.head().argMax(axis);
        NDArray truth = labels.head().toType(DataType.INT64, false).reshape(predicted.getShape());
        NDArray inTail = truth.gte(firstTailClass);
        NDArray correct = predicted.eq(truth).logicalAnd(inTail).toType(DataType.INT64, false);
        long total = inTail.toType(DataType.INT64, false).sum().getLong();
        return new Pair<>(total, correct);
    }
}
