package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Per-sample version of DJL's {@link ai.djl.training.loss.QuantileL1Loss}: {@code 2 * weight *
 * |(prediction - label) * (1[label <= prediction] - quantile)|}, averaged over the non-batch axes.
 *
 * <p>DJL's class has no weight; the extra {@code weight} option here defaults to 1, which gives
 * DJL's values. Unlike DJL, a quantile outside (0, 1) is rejected.
 */
public class PerSampleQuantileL1Loss extends AbstractPerSampleLoss {

    private final float quantile;
    private final float weight;

    /**
     * Creates a per-sample quantile loss named "QuantileL1Loss".
     *
     * @param quantile the quantile to target, in (0, 1), e.g. 0.9 for P90
     */
    public PerSampleQuantileL1Loss(float quantile) {
        this("QuantileL1Loss", quantile);
    }

    /**
     * Creates a per-sample quantile loss with weight 1.
     *
     * @param name the name of the loss
     * @param quantile the quantile to target, in (0, 1), e.g. 0.9 for P90
     */
    public PerSampleQuantileL1Loss(String name, float quantile) {
        this(name, quantile, 1);
    }

    /**
     * Creates a per-sample quantile loss.
     *
     * @param name the name of the loss
     * @param quantile the quantile to target, in (0, 1), e.g. 0.9 for P90
     * @param weight the weight to apply on the loss value, default 1
     */
    public PerSampleQuantileL1Loss(String name, float quantile, float weight) {
        super(name);
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException(
                    "QuantileL1Loss quantile must be strictly between 0 and 1, got "
                            + quantile
                            + "; pass e.g. 0.9 to target the 90th percentile (P90)");
        }
        this.quantile = quantile;
        this.weight = requireFinite("weight", weight);
    }

    /**
     * Returns the targeted quantile.
     *
     * @return the quantile, in (0, 1)
     */
    public float getQuantile() {
        return quantile;
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
        NDArray below = lab.lte(pred).toType(pred.getDataType(), false).sub(quantile);
        NDArray loss = times(pred.sub(lab).mul(below).abs(), 2 * weight);
        return meanPerRow(loss);
    }
}
