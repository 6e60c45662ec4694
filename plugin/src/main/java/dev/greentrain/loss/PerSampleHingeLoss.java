package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * Per-sample version of DJL's {@link ai.djl.training.loss.HingeLoss}: {@code weight * max(0, margin
 * - label * prediction)}, averaged over the non-batch axes.
 *
 * <p>Same label convention as DJL: labels are -1 or +1 and are not converted, so a 0/1 label of 0
 * always costs {@code margin}. As in DJL the margin is an integer (DJL's Javadoc says "Defaults to
 * 1.0", but its type is {@code int}).
 */
public class PerSampleHingeLoss extends AbstractPerSampleLoss {

    private final int margin;
    private final float weight;

    /** Creates a per-sample hinge loss named "HingeLoss" with margin 1 and weight 1. */
    public PerSampleHingeLoss() {
        this("HingeLoss");
    }

    /**
     * Creates a per-sample hinge loss with margin 1 and weight 1.
     *
     * @param name the name of the loss
     */
    public PerSampleHingeLoss(String name) {
        this(name, 1, 1);
    }

    /**
     * Creates a per-sample hinge loss.
     *
     * @param name the name of the loss
     * @param margin the margin, default 1; must not be negative
     * @param weight the weight to apply on the loss value, default 1
     */
    public PerSampleHingeLoss(String name, int margin, float weight) {
        super(name);
        if (margin < 0) {
            throw new IllegalArgumentException(
                    "HingeLoss margin must be >= 0, got "
                            + margin
                            + "; a negative margin rewards wrong predictions, use e.g. 1");
        }
        this.margin = margin;
        this.weight = requireFinite("weight", weight);
    }

    /**
     * Returns the margin.
     *
     * @return the margin
     */
    public int getMargin() {
        return margin;
    }

    /**
     * Returns the weight applied on the loss value.
     *
     * @return the weight
     */
    public float getWeight() {
        return weight;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluatePerSample(NDList labels, NDList predictions) {
        NDArray pred = single(predictions, "predictions");
        NDArray lab = labelsLike(single(labels, "labels"), pred);
        NDArray loss = Activation.relu(lab.mul(pred).neg().add(margin));
        if (weight != 1) {
            loss = times(loss, weight);
        }
        return meanPerRow(loss);
    }
}
