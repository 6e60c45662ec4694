package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.pruning.EpochPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StaticReductionTest extends ManagedTest {

    /** Sample i is (i, i mod 3). */
    private static float[] inputs() {
        float[] x = new float[40];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = i % 3;
        }
        return x;
    }

    /** Sample i has label i mod 2. */
    private static int[] labels() {
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i % 2;
        }
        return labels;
    }

    private ArrayDataset dataset() {
        return new ArrayDataset.Builder()
                .setData(manager.create(inputs(), new Shape(20, 2)))
                .optLabels(manager.create(labels()).toType(DataType.FLOAT32, false))
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
    void unitNormScalesEveryRowAndKeepsAZeroRow() {
        LabelledFeatures scaled =
                FeatureScaling.UNIT_NORM.apply(
                        LabelledFeatures.of(
                                new float[] {3, 4, 0, 0, 0, -2}, 2, new int[] {0, 0, 1}));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0, 0, -1}, scaled.data(), 1e-7f);
        assertArrayEquals(new int[] {0, 0, 1}, scaled.labels());
    }

    @Test
    void selectsAndMeasuresEpsilonOnTheScaledFeatures() {
        LabelledFeatures scaled =
                FeatureScaling.UNIT_NORM.apply(LabelledFeatures.of(inputs(), 2, labels()));
        StaticReduction policy =
                StaticReduction.builder()
                        .setDataset(dataset())
                        .setMethod(new MaxMin())
                        .optFraction(0.3)
                        .optSeed(4)
                        .optScaling(FeatureScaling.UNIT_NORM)
                        .build();
        policy.nextEpoch();
        assertArrayEquals(
                new MaxMin().select(scaled, 0.3, 4).indices(), policy.getSelection().indices());
        assertEquals(
                Representativeness.epsilon(scaled, policy.getSelection()),
                policy.getEpsilon().getAsDouble());
        assertTrue(policy.getEpsilon().getAsDouble() < 2, "unit-norm rows are at most 2 apart");
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

    @Test
    void handsSyntheticPointsToItsTargetOnceAndTrainsAllOfThemEveryEpoch() {
        List<Selection> handed = new ArrayList<>();
        StaticReduction policy =
                StaticReduction.builder()
                        .setDataset(dataset())
                        .setMethod(new ClusterCentroids())
                        .optFraction(0.5)
                        .optSyntheticTarget((original, synthetic) -> handed.add(synthetic))
                        .build();
        for (int epoch = 0; epoch < 2; epoch++) {
            EpochPlan plan = policy.nextEpoch();
            int size = policy.getSelection().size();
            int[] order = new int[plan.size()];
            Arrays.setAll(order, plan::indexAt);
            Arrays.sort(order);
            assertArrayEquals(IntStream.range(0, size).toArray(), order);
        }
        assertEquals(1, handed.size());
        assertTrue(handed.get(0).isSynthetic());
        assertEquals(policy.getSelection(), handed.get(0));
        assertTrue(policy.getEpsilon().isPresent());
    }
}
