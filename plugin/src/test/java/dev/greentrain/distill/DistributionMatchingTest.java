package dev.greentrain.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.greentrain.dream.ManagedTest;
import org.junit.jupiter.api.Test;

class DistributionMatchingTest extends ManagedTest {

    @Test
    void lossIsTheSquaredDistanceBetweenMeanEmbeddings() {
        // real mean (2, 3); synthetic mean (0.5, 1): (2 - 0.5)^2 + (3 - 1)^2 = 2.25 + 4 = 6.25
        NDArray real = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        NDArray synthetic = manager.create(new float[] {0, 0, 1, 2}, new Shape(2, 2));
        synthetic.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = DistributionMatching.classLoss(real, synthetic);
            assertEquals(6.25f, loss.getFloat(), 1e-6f);
            collector.backward(loss);
        }
        // d/ds_j = -2 (mean_r - mean_s) / m with m = 2: (-1.5, -2) for each synthetic row
        assertArrayEquals(
                new float[] {-1.5f, -2f, -1.5f, -2f},
                synthetic.getGradient().toFloatArray(),
                1e-6f);
    }
}
