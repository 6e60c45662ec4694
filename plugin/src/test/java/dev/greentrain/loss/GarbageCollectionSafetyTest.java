package dev.greentrain.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.HingeLoss;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.QuantileL1Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.greentrain.dream.ManagedTest;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A garbage collection between the forward and the backward pass must not change a gradient: every
 * constant a loss multiplies by has to live in the engine's memory, not in a JVM buffer that DJL
 * releases while autograd still holds it.
 */
@Tag("integration")
class GarbageCollectionSafetyTest extends ManagedTest {

    private static final int ROWS = 6;
    private static final int CLASSES = 3;

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of("L2 (weight 1/2)", (Loss) new PerSampleL2Loss(), false),
                Arguments.of("L1, weight 0.3", new PerSampleL1Loss("L1Loss", 0.3f), false),
                Arguments.of("hinge, weight 0.3", new PerSampleHingeLoss("H", 1, 0.3f), false),
                Arguments.of("quantile 0.3", new PerSampleQuantileL1Loss("Q", 0.3f, 0.7f), false),
                Arguments.of(
                        "sigmoid BCE, weight 0.3",
                        new PerSampleSigmoidBinaryCrossEntropyLoss("S", 0.3f, false),
                        false),
                Arguments.of(
                        "softmax CE, weight 0.3",
                        new PerSampleSoftmaxCrossEntropyLoss("C", 0.3f, -1, true, true),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void aCollectionBeforeBackwardLeavesTheGradientUnchanged(
            String name, Loss loss, boolean classes) {
        float[] expected = gradient(loss, classes, false);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertArrayEquals(expected, gradient(loss, classes, true), name);
        }
    }

    @Test
    void theWeightedMeanIsSafeToo() {
        WeightedLoss weighted = new WeightedLoss(new PerSampleL2Loss());
        Function<NDList[], NDArray> mean =
                io ->
                        weighted.evaluate(
                                        io[0],
                                        io[1],
                                        manager.create(new float[] {1, 2, 0.5f, 1, 1, 3}))
                                .weightedMean();
        float[] expected = gradient(mean, false, false);
        assertArrayEquals(expected, gradient(mean, false, true));
    }

    @Test
    void theHazardousDjlLossesAreNamedAndTheirSafeFormsAreNot() {
        assertTrue(GarbageCollectionSafety.hazard(new L2Loss()).isPresent());
        assertTrue(GarbageCollectionSafety.hazard(new QuantileL1Loss(0.3f)).isPresent());
        assertTrue(GarbageCollectionSafety.hazard(new HingeLoss("h", 1, 0.5f)).isPresent());
        assertTrue(
                GarbageCollectionSafety.hazard(new SoftmaxCrossEntropyLoss("c", 2, -1, true, true))
                        .isPresent());
        assertTrue(
                GarbageCollectionSafety.hazard(new SigmoidBinaryCrossEntropyLoss("s", 2, false))
                        .isPresent());
        // weight 1 multiplies by nothing; L1Loss with a weight multiplies the labels, not the graph
        assertTrue(GarbageCollectionSafety.hazard(new SoftmaxCrossEntropyLoss()).isEmpty());
        assertTrue(GarbageCollectionSafety.hazard(new L1Loss("l", 0.5f)).isEmpty());
        assertTrue(GarbageCollectionSafety.hazard(new PerSampleL2Loss()).isEmpty());
        String message = GarbageCollectionSafety.hazard(Loss.l2Loss()).orElseThrow();
        assertTrue(message.contains("L2Loss"), message);
        assertTrue(message.contains("PerSampleLosses.gcSafe"), message);
        Loss safe = PerSampleLosses.gcSafe(Loss.l2Loss());
        assertTrue(safe instanceof PerSampleL2Loss, safe.getClass().getName());
        assertEquals("L2Loss", safe.getName());
        Loss custom =
                new Loss("custom") {
                    @Override
                    public NDArray evaluate(NDList labels, NDList predictions) {
                        return predictions.singletonOrThrow().sum();
                    }
                };
        assertTrue(PerSampleLosses.gcSafe(custom) == custom, "an unknown loss is kept");
    }

    private float[] gradient(Loss loss, boolean classes, boolean collectFirst) {
        return gradient(io -> loss.evaluate(io[0], io[1]), classes, collectFirst);
    }

    /**
     * Forwards a fixed batch, optionally collects garbage and refills the freed native memory with
     * other values, then runs backward and returns the gradient of the predictions.
     */
    private float[] gradient(
            Function<NDList[], NDArray> forward, boolean classes, boolean collectFirst) {
        Engine.getInstance().setRandomSeed(3);
        Shape shape = classes ? new Shape(ROWS, CLASSES) : new Shape(ROWS, 1);
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 1.7) * 2;
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray predictions = step.create(values, shape);
            predictions.setRequiresGradient(true);
            NDArray labels =
                    classes
                            ? step.create(new float[] {0, 2, 1, 1, 0, 2})
                            : step.create(new float[] {1, -1, 1, 1, -1, 1}, new Shape(ROWS, 1));
            List<ByteBuffer> filler = new ArrayList<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss =
                        forward.apply(new NDList[] {new NDList(labels), new NDList(predictions)});
                if (collectFirst) {
                    filler = collectAndRefill();
                }
                collector.backward(loss);
            }
            float[] gradient = predictions.getGradient().toFloatArray();
            // the refill stays allocated until the gradient is read
            Reference.reachabilityFence(filler);
            return gradient;
        }
    }

    /**
     * Collects garbage, lets the cleaner free unreachable direct buffers, and then allocates many
     * small direct buffers of a large value, which reuse the freed blocks.
     */
    private static List<ByteBuffer> collectAndRefill() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<ByteBuffer> filler = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            buffer.putFloat(0, 1e6f);
            filler.add(buffer);
        }
        return filler;
    }
}
