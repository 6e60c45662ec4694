package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * Base class of a DJL {@link Loss} that is computed per sample; the scalar loss is the mean of the
 * per-sample values, so a subclass is a drop-in DJL loss (Trainer loss and evaluator).
 */
public abstract class AbstractPerSampleLoss extends Loss implements PerSampleLoss {

    /**
     * Creates a per-sample loss with the given display name.
     *
     * @param name the name of the loss
     */
    protected AbstractPerSampleLoss(String name) {
        super(name);
    }

    /**
     * Returns the mean of {@link #evaluatePerSample(NDList, NDList)}, a scalar, after checking the
     * per-sample shape.
     *
     * @param labels the labels of the batch
     * @param predictions the predictions of the batch
     * @return the scalar mean loss
     */
    @Override
    public final NDArray evaluate(NDList labels, NDList predictions) {
        return PerSampleLosses.evaluatePerSample(this, labels, predictions).mean();
    }

    /**
     * Returns the single array of a list, or throws a clear error.
     *
     * @param list the labels or predictions
     * @param role "labels" or "predictions", for the message
     * @return the only array of the list
     */
    protected NDArray single(NDList list, String role) {
        if (list == null || list.size() != 1) {
            throw new IllegalArgumentException(
                    describe()
                            + " expects exactly 1 "
                            + role
                            + " array, got "
                            + (list == null ? "null" : list.size() + " arrays")
                            + "; pass a single-array NDList (wrap the loss in"
                            + " ai.djl.training.loss.IndexLoss to select one array)");
        }
        return list.head();
    }

    /**
     * Returns the batch size of predictions of shape (B, ...), or throws if they have no batch
     * axis.
     *
     * @param pred the predictions
     * @return B, the size of axis 0
     */
    protected long batchSize(NDArray pred) {
        Shape shape = pred.getShape();
        if (shape.dimension() < 1) {
            throw new IllegalArgumentException(
                    describe()
                            + " got scalar predictions (shape "
                            + shape
                            + "); predictions must have shape (B, ...) with the batch on axis 0");
        }
        return shape.get(0);
    }

    /**
     * Reshapes labels to the shape of the predictions, one label per prediction element.
     *
     * @param labels the labels
     * @param pred the predictions
     * @return the labels with the predictions' shape
     */
    protected NDArray labelsLike(NDArray labels, NDArray pred) {
        Shape labelShape = labels.getShape();
        Shape predShape = pred.getShape();
        long batch = batchSize(pred);
        boolean rowsMatch = labelShape.dimension() == 0 || labelShape.get(0) == batch;
        if (labelShape.size() != predShape.size() || !rowsMatch) {
            throw new IllegalArgumentException(
                    describe()
                            + ": labels of shape "
                            + labelShape
                            + " do not match predictions of shape "
                            + predShape
                            + "; expected one label per prediction element ("
                            + predShape.size()
                            + " values, "
                            + batch
                            + " rows), e.g. labels of shape "
                            + predShape);
        }
        return labels.reshape(predShape);
    }

    /**
     * Multiplies by a constant created in the engine's memory. {@code array.mul(factor)} would wrap
     * the constant in a JVM buffer that DJL releases while autograd still holds it for the backward
     * pass, so a garbage collection in between would corrupt the gradient (see {@link
     * GarbageCollectionSafety}).
     *
     * @param array the values
     * @param factor the constant
     * @return {@code array * factor}
     */
    protected static NDArray times(NDArray array, float factor) {
        return array.mul(array.getManager().full(new Shape(), factor, array.getDataType()));
    }

    /**
     * Averages an element-wise loss of shape (B, ...) over all non-batch axes, giving shape (B).
     *
     * @param elementLoss the loss per element, batch on axis 0
     * @return the mean loss per row, shape (B)
     */
    protected static NDArray meanPerRow(NDArray elementLoss) {
        Shape shape = elementLoss.getShape();
        long rest = 1;
        for (int i = 1; i < shape.dimension(); i++) {
            rest *= shape.get(i);
        }
        NDArray rows = elementLoss.reshape(shape.get(0), rest);
        return rows.mean(new int[] {1});
    }

    /**
     * Returns the value if it is finite, or throws a clear error naming the option.
     *
     * @param option the name of the constructor option, for the message
     * @param value the value to check
     * @return the value
     */
    protected static float requireFinite(String option, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(
                    option + " must be a finite number, got " + value + "; pass e.g. 1");
        }
        return value;
    }

    /**
     * Returns "ClassName 'name'" for error messages.
     *
     * @return a short description of this loss
     */
    protected String describe() {
        return getClass().getSimpleName() + " '" + getName() + "'";
    }
}
