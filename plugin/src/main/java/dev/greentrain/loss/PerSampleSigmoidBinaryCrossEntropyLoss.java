package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * Per-sample version of DJL's {@link ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss}: binary
 * cross-entropy {@code -(z log p + (1 - z) log(1 - p))} times {@code weight}, averaged over the
 * non-batch axes.
 *
 * <p>With {@code fromSigmoid=false} (default) predictions are logits {@code x} and the numerically
 * stable form {@code max(x, 0) - x z + log(1 + exp(-|x|))} is used (as DJL does). With {@code
 * fromSigmoid=true} predictions are probabilities {@code p} and {@code log(p + 1e-12)} guards
 * against {@code log(0)}, as in DJL. Unlike DJL 0.35.1, whose {@code fromSigmoid=true} branch
 * forgets the minus sign and returns the negated (negative) cross-entropy, this class returns the
 * true, positive BCE. DJL's class Javadoc mentions a {@code posWeight} that it does not implement;
 * neither does this class.
 */
public class PerSampleSigmoidBinaryCrossEntropyLoss extends AbstractPerSampleLoss {

    private static final double EPS = 1e-12;

    private final float weight;
    private final boolean fromSigmoid;

    /** Creates a per-sample BCE loss named "SigmoidBinaryCrossEntropyLoss" on logits, weight 1. */
    public PerSampleSigmoidBinaryCrossEntropyLoss() {
        this("SigmoidBinaryCrossEntropyLoss");
    }

    /**
     * Creates a per-sample BCE loss on logits with weight 1.
     *
     * @param name the name of the loss
     */
    public PerSampleSigmoidBinaryCrossEntropyLoss(String name) {
        this(name, 1, false);
    }

    /**
     * Creates a per-sample BCE loss.
     *
     * @param name the name of the loss
     * @param weight the weight to apply on the loss value, default 1
     * @param fromSigmoid whether the predictions are probabilities (output of a sigmoid) rather
     *     than logits, default false
     */
    public PerSampleSigmoidBinaryCrossEntropyLoss(String name, float weight, boolean fromSigmoid) {
        super(name);
        this.weight = requireFinite("weight", weight);
        this.fromSigmoid = fromSigmoid;
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
     * Returns whether the predictions are probabilities rather than logits.
     *
     * @return true if the predictions are sigmoid outputs
     */
    public boolean isFromSigmoid() {
        return fromSigmoid;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluatePerSample(NDList labels, NDList predictions) {
        NDArray pred = single(predictions, "predictions");
        NDArray lab = labelsLike(single(labels, "labels"), pred);
        NDArray loss;
        if (fromSigmoid) {
            NDArray logP = pred.add(EPS).log();
            NDArray logNotP = pred.neg().add(1).add(EPS).log();
            loss = lab.mul(logP).add(lab.neg().add(1).mul(logNotP)).neg();
        } else {
            loss =
                    Activation.relu(pred)
                            .sub(pred.mul(lab))
                            .add(Activation.softPlus(pred.abs().neg()));
        }
        if (weight != 1) {
            loss = times(loss, weight);
        }
        return meanPerRow(loss);
    }
}
