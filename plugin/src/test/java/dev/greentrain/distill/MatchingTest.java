package dev.greentrain.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.pruning.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest extends ManagedTest {

    private static final Shape IMAGE = new Shape(1, 8, 8);

    @Test
    void gradientReachesOnlyTheSyntheticPixels() {
        SequentialBlock net = Matching.freshNetwork(manager, 4, 2, IMAGE, 7);
        List<float[]> before = new ArrayList<>();
        for (Pair<String, Parameter> parameter : net.getParameters()) {
            before.add(parameter.getValue().getArray().toFloatArray());
        }
        float[] realPixels = TinyImages.pixels(2, 5, 8, 3);
        NDArray realA =
                manager.create(java.util.Arrays.copyOf(realPixels, 5 * 64), new Shape(5, 1, 8, 8));
        NDArray realB =
                manager.create(
                        java.util.Arrays.copyOfRange(realPixels, 5 * 64, 10 * 64),
                        new Shape(5, 1, 8, 8));
        float[] realBefore = realA.toFloatArray();
        float[] synthetic = TinyImages.pixels(2, 2, 8, 9);
        float[] syntheticBefore = synthetic.clone();
        List<Augmentation> draws = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            draws.add(Augmentation.draw(new SplitMix64(c), 8, 8));
        }
        float[] loss = new float[1];

        float[] gradient =
                Matching.gradient(
                        manager,
                        Embedder.features(net),
                        List.of(realA, realB),
                        synthetic,
                        IMAGE,
                        2,
                        draws,
                        loss);

        assertTrue(loss[0] > 0f, "the classes' means differ");
        assertEquals(synthetic.length, gradient.length);
        double norm = 0;
        for (float g : gradient) {
            norm += g * g;
        }
        assertTrue(norm > 0, "the synthetic pixels get a gradient");
        int p = 0;
        for (Pair<String, Parameter> parameter : net.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            assertFalse(array.hasGradient(), parameter.getKey() + " takes no gradient");
            assertArrayEquals(before.get(p++), array.toFloatArray(), parameter.getKey());
        }
        assertFalse(realA.hasGradient(), "the real images take no gradient");
        assertArrayEquals(realBefore, realA.toFloatArray(), "the real images are unchanged");
        assertArrayEquals(syntheticBefore, synthetic, "the step only returns the gradient");
    }
}
