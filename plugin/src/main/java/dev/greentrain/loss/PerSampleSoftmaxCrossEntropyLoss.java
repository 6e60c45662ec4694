package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Per-sample version of DJL's {@link ai.djl.training.loss.SoftmaxCrossEntropyLoss}: {@code -weight
 * * sum_j label_j log p_j} per position, averaged over the non-batch, non-class axes.
 *
 * <p>With {@code fromLogit=true} (default) predictions are raw scores and log-softmax is applied
 * along {@code classAxis}; with {@code fromLogit=false} predictions must already be
 * <em>log</em>-probabilities (not probabilities), as in DJL. With {@code sparseLabel=true}
 * (default) labels are class indices, one per row (shape (B), or (B, ...) matching the predictions'
 * non-class axes); otherwise they are one-hot or probability vectors with the predictions' shape.
 * Indices are not range-checked here (that would force a device sync); an index outside [0,
 * classes) makes the engine throw.
 */
public class PerSampleSoftmaxCrossEntropyLoss extends AbstractPerSampleLoss {

    private final float weight;
    private final int classAxis;
    private final boolean sparseLabel;
    private final boolean fromLogit;

    /** Creates a per-sample softmax cross-entropy named "SoftmaxCrossEntropyLoss", defaults. */
    public PerSampleSoftmaxCrossEntropyLoss() {
        this("SoftmaxCrossEntropyLoss");
    }

    /**
     * Creates a per-sample softmax cross-entropy with weight 1, class axis -1, sparse labels and
     * logits.
     *
     * @param name the name of the loss
     */
    public PerSampleSoftmaxCrossEntropyLoss(String name) {
        this(name, 1, -1, true, true);
    }

    /**
     * Creates a per-sample softmax cross-entropy.
     *
     * @param name the name of the loss
     * @param weight the weight to apply on the loss value, default 1
     * @param classAxis the axis of the classes in the predictions, default -1; must not be the
     *     batch axis 0
     * @param sparseLabel whether labels are class indices (true, default) or one-hot/probability
     *     vectors shaped like the predictions (false)
     * @param fromLogit whether predictions are raw scores to which log-softmax is applied (true,
     *     default) or already log-probabilities (false)
     */
    public PerSampleSoftmaxCrossEntropyLoss(
            String name, float weight, int classAxis, boolean sparseLabel, boolean fromLogit) {
        super(name);
        if (classAxis == 0) {
            throw new IllegalArgumentException(
                    "SoftmaxCrossEntropyLoss classAxis 0 is the batch axis; per-sample losses need"
                            + " the batch on axis 0, so pass the class axis (e.g. -1 or 1)");
        }
        this.weight = requireFinite("weight", weight);
        this.classAxis = classAxis;
        this.sparseLabel = sparseLabel;
        this.fromLogit = fromLogit;
    }

    /**
     * Returns the weight applied on the loss value.
     *
     * @return the weight
     */
    public float getWeight() {
        return weight;
    }

    /**
     * Returns the axis of the classes in the predictions.
     *
     * @return the class axis, possibly negative
     */
    public int getClassAxis() {
        return classAxis;
    }

    /**
     * Returns whether labels are class indices.
     *
     * @return true for class-index labels, false for one-hot/probability labels
     */
    public boolean isSparseLabel() {
        return sparseLabel;
    }

    /**
     * Returns whether log-softmax is applied to the predictions.
     *
     * @return true if predictions are raw scores, false if log-probabilities
     */
    public boolean isFromLogit() {
        return fromLogit;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluatePerSample(NDList labels, NDList predictions) {
        NDArray pred = single(predictions, "predictions");
        NDArray lab = single(labels, "labels");
        int axis = resolveClassAxis(pred.getShape());
        NDArray logProb = fromLogit ? pred.logSoftmax(axis) : pred;
        NDArray loss;
        if (sparseLabel) {
            NDArray index = sparseIndex(lab, pred.getShape(), axis);
            loss = logProb.get(new NDIndex().addAllDim(axis).addPickDim(index)).neg();
        } else {
            loss = logProb.mul(labelsLike(lab, pred)).neg().sum(new int[] {axis}, true);
        }
        if (weight != 1) {
            loss = times(loss, weight);
        }
        return meanPerRow(loss);
    }

    private int resolveClassAxis(Shape predShape) {
        int dims = predShape.dimension();
        int axis = classAxis < 0 ? classAxis + dims : classAxis;
        if (dims < 2 || axis <= 0 || axis >= dims) {
            throw new IllegalArgumentException(
                    describe()
                            + ": classAxis "
                            + classAxis
                            + " is not a non-batch axis of predictions of shape "
                            + predShape
                            + "; predictions must have shape (B, ..., classes, ...) with the batch"
                            + " on axis 0, e.g. (B, C) with classAxis -1");
        }
        return axis;
    }

    /** Reshapes sparse labels to the predictions' shape with the class axis set to 1. */
    private NDArray sparseIndex(NDArray lab, Shape predShape, int axis) {
        long[] indexShape = predShape.getShape().clone();
        indexShape[axis] = 1;
        Shape target = new Shape(indexShape);
        Shape labShape = lab.getShape();
        long batch = predShape.get(0);
        boolean rowsMatch = labShape.dimension() > 0 && labShape.get(0) == batch;
        if (labShape.size() != target.size() || !rowsMatch) {
            throw new IllegalArgumentException(
                    describe()
                            + ": sparse labels of shape "
                            + labShape
                            + " do not match predictions of shape "
                            + predShape
                            + " ("
                            + batch
                            + " rows, "
                            + predShape.get(axis)
                            + " classes on axis "
                            + axis
                            + "); expected one class index per row and position, "
                            + target.size()
                            + " values with "
                            + batch
                            + " rows, e.g. shape "
                            + (target.size() == batch ? "(" + batch + ")" : target.toString())
                            + ", or use sparseLabel=false for one-hot/probability labels");
        }
        return lab.reshape(target);
    }
}
