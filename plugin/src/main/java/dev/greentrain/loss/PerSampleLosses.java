package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.HingeLoss;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.QuantileL1Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.lang.reflect.Field;
import java.util.Objects;

/** Finds the per-sample form of a DJL {@link Loss} and evaluates per-sample losses safely. */
public final class PerSampleLosses {

    private PerSampleLosses() {}

    /**
     * Returns the per-sample form of a loss: the loss itself if it implements {@link
     * PerSampleLoss}, the equivalent {@code PerSample*} loss (same name and options, read by
     * reflection) if it is exactly one of DJL's six built-in losses, else throws.
     *
     * <p>The equivalents fix two DJL 0.35.1 bugs, so their values differ from DJL's in these cases:
     * {@code L1Loss} with weight != 1 (DJL returns the weighted labels) and {@code
     * SigmoidBinaryCrossEntropyLoss} with {@code fromSigmoid=true} (DJL returns the negated BCE).
     * Subclasses of the built-ins are not mapped, since they may override {@code evaluate}.
     *
     * @param loss the loss used for training
     * @return a per-sample loss computing the same loss, one value per row
     * @throws UnsupportedLossException if the loss has no known per-sample form
     * @throws IllegalStateException if a DJL built-in no longer has the expected private fields
     */
    public static PerSampleLoss of(Loss loss) {
        Objects.requireNonNull(loss, "loss must not be null");
        if (loss instanceof PerSampleLoss) {
            return (PerSampleLoss) loss;
        }
        Class<?> type = loss.getClass();
        String name = loss.getName();
        if (type == SoftmaxCrossEntropyLoss.class) {
            return new PerSampleSoftmaxCrossEntropyLoss(
                    name,
                    read(loss, "weight", Float.class),
                    read(loss, "classAxis", Integer.class),
                    read(loss, "sparseLabel", Boolean.class),
                    read(loss, "fromLogit", Boolean.class));
        } else if (type == L2Loss.class) {
            return new PerSampleL2Loss(name, read(loss, "weight", Float.class));
        } else if (type == L1Loss.class) {
            return new PerSampleL1Loss(name, read(loss, "weight", Float.class));
        } else if (type == SigmoidBinaryCrossEntropyLoss.class) {
            return new PerSampleSigmoidBinaryCrossEntropyLoss(
                    name,
                    read(loss, "weight", Float.class),
                    read(loss, "fromSigmoid", Boolean.class));
        } else if (type == HingeLoss.class) {
            return new PerSampleHingeLoss(
                    name, read(loss, "margin", Integer.class), read(loss, "weight", Float.class));
        } else if (type == QuantileL1Loss.class) {
            return new PerSampleQuantileL1Loss(
                    name, read(loss, "quantile", Number.class).floatValue());
        }
        throw new UnsupportedLossException(loss, reason(type));
    }

    /**
     * Returns a loss that computes the same values as the given one and whose gradient a garbage
     * collection cannot corrupt (see {@link GarbageCollectionSafety}): the per-sample equivalent
     * for a DJL built-in that multiplies by a JVM constant, else the loss itself.
     *
     * @param loss the loss to train with
     * @return the loss to hand to {@code new DefaultTrainingConfig(...)}
     */
    public static Loss gcSafe(Loss loss) {
        Objects.requireNonNull(loss, "loss must not be null");
        if (GarbageCollectionSafety.hazard(loss).isEmpty()) {
            return loss;
        }
        return (Loss) of(loss);
    }

    /**
     * Reads the {@code weight} option of one of DJL's built-in losses.
     *
     * @param loss a DJL built-in loss with a {@code weight} field
     * @return its weight
     */
    static float weightOf(Loss loss) {
        return read(loss, "weight", Float.class);
    }

    /**
     * Calls {@link PerSampleLoss#evaluatePerSample} and checks that the result has shape (B), B
     * being the batch size (axis 0) of the first prediction array.
     *
     * @param loss the per-sample loss
     * @param labels the labels of the batch
     * @param predictions the predictions of the batch
     * @return the per-sample losses, shape (B)
     * @throws IllegalStateException if the result does not have one value per row
     */
    public static NDArray evaluatePerSample(PerSampleLoss loss, NDList labels, NDList predictions) {
        NDArray result = loss.evaluatePerSample(labels, predictions);
        Shape shape = result == null ? null : result.getShape();
        long batch = batchSize(predictions);
        if (shape == null || shape.dimension() != 1 || (batch >= 0 && shape.get(0) != batch)) {
            String expected = batch >= 0 ? "(" + batch + ")" : "(B)";
            throw new IllegalStateException(
                    describe(loss)
                            + " returned per-sample losses of shape "
                            + shape
                            + " but predictions have batch size "
                            + (batch >= 0 ? batch : "unknown")
                            + "; evaluatePerSample must return exactly one value per row, shape "
                            + expected
                            + ": reduce over the non-batch axes, e.g."
                            + " loss.reshape(B, -1).mean(new int[] {1})");
        }
        return result;
    }

    private static long batchSize(NDList predictions) {
        if (predictions == null || predictions.isEmpty()) {
            return -1;
        }
        Shape shape = predictions.head().getShape();
        return shape.dimension() == 0 ? -1 : shape.get(0);
    }

    private static String describe(PerSampleLoss loss) {
        String name = loss instanceof Loss ? " '" + ((Loss) loss).getName() + "'" : "";
        return "Per-sample loss " + loss.getClass().getName() + name;
    }

    private static String reason(Class<?> type) {
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (c == SoftmaxCrossEntropyLoss.class
                    || c == L2Loss.class
                    || c == L1Loss.class
                    || c == SigmoidBinaryCrossEntropyLoss.class
                    || c == HingeLoss.class
                    || c == QuantileL1Loss.class) {
                return "it extends "
                        + c.getName()
                        + " and may override evaluate, so it is not mapped automatically";
            }
        }
        return null;
    }

    static <T> T read(Loss loss, String fieldName, Class<T> type) {
        Class<?> owner = loss.getClass();
        Object value;
        try {
            Field field = owner.getDeclaredField(fieldName);
            field.setAccessible(true);
            value = field.get(loss);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    "Cannot map "
                            + owner.getName()
                            + " to a per-sample loss: field '"
                            + fieldName
                            + "' not found (DJL version changed?); construct the matching"
                            + " PerSample* loss directly with the same options",
                    e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read field '"
                            + fieldName
                            + "' of "
                            + owner.getName()
                            + ": "
                            + e
                            + "; construct the matching PerSample* loss directly with the same"
                            + " options",
                    e);
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException(
                    "Field '"
                            + fieldName
                            + "' of "
                            + owner.getName()
                            + " holds "
                            + (value == null ? "null" : value.getClass().getName())
                            + ", expected "
                            + type.getName()
                            + " (DJL version changed?); construct the matching PerSample* loss"
                            + " directly with the same options");
        }
        return type.cast(value);
    }
}
