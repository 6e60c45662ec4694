package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.pruning.EpochPlan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StaticReductionTest extends ManagedTest {

    private ArrayDataset dataset() {
        float[] x = new float[40];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = i % 3;
            y[i] = i % 2;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(20, 2)))
                .optLabels(manager.create(y))
                .setSampling(4, true)
                .build();
    }

    private static int[] sorted(EpochPlan plan) {
        int[] order = new int[plan.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = plan.indexAt(i);
        }
        Arrays.sort(order);
        return order;
    }

    @Test
    void trainsTheSameSelectionEveryEpochAndMeasuresEpsilon() {
        StaticReduction policy =
                StaticReduction.builder()
                        .setDataset(dataset())
                        .setMethod(new MaxMin())
                        .optFraction(0.3)
                        .optSeed(4)
                        .build();
        assertTrue(policy.getEpsilon().isEmpty());
        assertArrayEquals(new int[] {6, 6}, policy.getPlannedSamples(2)); // floor(0.3 * 20)
        int[] first = sorted(policy.nextEpoch());
        assertEquals(6, first.length); // floor(0.3 * 10) per class
        assertArrayEquals(first, sorted(policy.nextEpoch()));
        assertArrayEquals(policy.getSelection().indices(), first);
        assertTrue(policy.getEpsilon().getAsDouble() > 0);
        assertEquals(0, policy.getSamplerForwardPasses()); // raw inputs
    }

    @Test
    void countsTheEmbeddingPassAsTheMethodsOwn() {
        StaticReduction policy =
                StaticReduction.builder()
                        .setDataset(dataset())
                        .setMethod(new StratifiedRandom())
                        .optEmbedder(Embedder.of("double", inputs -> inputs.head().mul(2)))
                        .build();
        policy.nextEpoch();
        policy.nextEpoch();
        assertEquals(20, policy.getSamplerForwardPasses()); // one pass, once
    }

    @Test
    void refusesSyntheticPointsAsASubset() {
        StaticReduction policy =
                StaticReduction.builder()
                        .setDataset(dataset())
                        .setMethod(new ClusterCentroids())
                        .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, policy::nextEpoch);
        assertTrue(e.getMessage().contains("ReducedDataset"), e.getMessage());
    }
}
