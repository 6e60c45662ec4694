package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for code that is differentiated: every constant is a 0-d array in the engine's memory,
 * never a {@code Number} argument (see {@code dev.greentrain.loss.GarbageCollectionSafety}: DJL
 * frees the JVM buffer of {@code mul(Number)} while PyTorch's autograd still reads it).
 */
final class Scalars {

    private Scalars() {}

    /** Returns a 0-d float32 constant on the array's manager and device. */
    static NDArray like(NDArray array, float value) {
        return array.getManager().full(new Shape(), value, DataType.FLOAT32);
    }

    /** Returns {@code array * value} with the constant held by the engine. */
    static NDArray times(NDArray array, float value) {
        return array.mul(like(array, value));
    }

    /** Returns {@code array + value} with the constant held by the engine. */
    static NDArray plus(NDArray array, float value) {
        return array.add(like(array, value));
    }
}
