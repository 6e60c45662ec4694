package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Per-sample version of DJL's {@link ai.djl.training.loss.L1Loss}: {@code weight * |label -
 * prediction|}, averaged over the non-batch axes.
 *
 * <p>Unlike DJL 0.35.1, whose {@code L1Loss} with {@code weight != 1} returns the mean of {@code
 * weight * label} (it overwrites the loss with the weighted labels), this class returns the
 * weighted absolute error for every weight.
 */
public class PerSampleL1Loss extends AbstractPerSampleLoss {

    private final float weight;

    /** Creates a per-sample L1 loss named "L1Loss" with weight 1. */
    public PerSampleL1Loss() {
        this("L1Loss");
    }

    /**
     * Creates a per-sample L1 loss with weight 1.
     *
     * @param name the name of the loss
     */
    public PerSampleL1Loss(String name) {
        this(name, 1);
    }

    /**
     * Creates a per-sample L1 loss.
     *
     * @param name the name of the loss
     * @param weight the weight to apply on the loss value, default 1
     */
    public PerSampleL1Loss(String name, float weight) {
        super(name);
        this.weight = requireFinite("weight", weight);
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
        NDArray loss = lab.sub(pred).abs();
        if (weight != 1) {
            loss = times(loss, weight);
        }
        return meanPerRow(loss);
    }
}
