package dev.greentrain.loss;

import ai.djl.training.loss.HingeLoss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.QuantileL1Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Optional;

/**
 * Tells whether a DJL loss can have its gradient corrupted by a garbage collection.
 *
 * <p>On the PyTorch engine, {@code array.mul(0.5f)} wraps the constant in a JVM direct buffer,
 * multiplies, and releases the buffer at once, while PyTorch's autograd keeps the constant to
 * compute the backward pass. A garbage collection between forward and backward frees that memory;
 * whatever is allocated there next becomes the factor of the gradient. The batch trains with a
 * wrong gradient and nothing reports it. DJL 0.36's {@code L2Loss} (always), {@code QuantileL1Loss}
 * (always) and {@code HingeLoss}, {@code SoftmaxCrossEntropyLoss} and {@code
 * SigmoidBinaryCrossEntropyLoss} with a weight other than 1 multiply this way. The {@code
 * PerSample*} losses of this package give the same values with the constant in PyTorch's memory.
 */
public final class GarbageCollectionSafety {

    private GarbageCollectionSafety() {}

    /**
     * Returns a warning naming the loss and the fix when a garbage collection between its forward
     * and backward pass can corrupt the gradient, and nothing otherwise.
     *
     * @param loss the loss a trainer uses
     * @return the warning, or empty when the loss is safe or unknown
     */
    public static Optional<String> hazard(Loss loss) {
        if (!multipliesByAJvmConstant(loss)) {
            return Optional.empty();
        }
        String type = loss.getClass().getSimpleName();
        return Optional.of(
                "The loss '"
                        + loss.getName()
                        + "' is DJL's "
                        + type
                        + ", which multiplies by a constant held in JVM memory that DJL releases"
                        + " before the backward pass needs it: a garbage collection in between"
                        + " corrupts that batch's gradient, at random and silently. Train with"
                        + " PerSampleLosses.gcSafe(loss) (dev.greentrain.loss), the same loss"
                        + " with the constant in PyTorch's memory.");
    }

    private static boolean multipliesByAJvmConstant(Loss loss) {
        Class<?> type = loss.getClass();
        if (type == L2Loss.class || type == QuantileL1Loss.class) {
            return true;
        }
        if (type == HingeLoss.class
                || type == SoftmaxCrossEntropyLoss.class
                || type == SigmoidBinaryCrossEntropyLoss.class) {
            return PerSampleLosses.weightOf(loss) != 1f;
        }
        return false;
    }
}
