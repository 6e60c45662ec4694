package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Per-sample version of DJL's {@link ai.djl.training.loss.L2Loss}: {@code weight * (label -
 * prediction)^2}, averaged over the non-batch axes; the default weight is 1/2 as in DJL.
 */
public class PerSampleL2Loss extends AbstractPerSampleLoss {

    private final float weight;

    /** Creates a per-sample L2 loss named "L2Loss" with weight 1/2. */
    public PerSampleL2Loss() {
        this("L2Loss");
    }

    /**
     * Creates a per-sample L2 loss with weight 1/2.
     *
     * @param name the name of the loss
     */
    public PerSampleL2Loss(String name) {
        this(name, 1.f / 2);
    }

    /**
     * Creates a per-sample L2 loss.
     *
     * @param name the name of the loss
     * @param weight the weight to apply on the loss value, default 1/2
     */
    public PerSampleL2Loss(String name, float weight) {
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
        return meanPerRow(times(lab.sub(pred).square(), weight));
    }
}
