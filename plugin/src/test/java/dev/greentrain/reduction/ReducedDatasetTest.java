package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Record;
import dev.greentrain.dream.ManagedTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReducedDatasetTest extends ManagedTest {

    @TempDir Path dir;

    private ArrayDataset dataset(NDManager m, float shift) {
        float[] x = {0, 0, 0, 2, 10, 0, 10, 2, 50, 50, 52, 50};
        for (int i = 0; i < x.length; i++) {
            x[i] += shift;
        }
        return new ArrayDataset.Builder()
                .setData(m.create(x, new Shape(6, 2)))
                .optLabels(m.create(new float[] {0, 0, 0, 0, 1, 1}))
                .setSampling(2, false)
                .build();
    }

    private LabelledFeatures features() {
        return LabelledFeatures.of(
                new float[] {0, 0, 0, 2, 10, 0, 10, 2, 50, 50, 52, 50},
                2,
                new int[] {0, 0, 0, 0, 1, 1});
    }

    @Test
    void servesTheSelectedSamplesOfTheOriginal() throws IOException {
        ArrayDataset original = dataset(manager, 0);
        ReducedDataset reduced =
                ReducedDataset.builder()
                        .setOriginal(original)
                        .setSelection(Selection.ofIndices(new int[] {4, 1}, features()))
                        .setSampling(2, false)
                        .build();
        assertEquals(2, reduced.size());
        Record first = reduced.get(manager, 0);
        assertArrayEquals(new float[] {0, 2}, first.getData().head().toFloatArray());
        assertArrayEquals(
                new float[] {50, 50}, reduced.get(manager, 1).getData().head().toFloatArray());
        assertEquals(1f, reduced.get(manager, 1).getLabels().head().getFloat());
    }

    @Test
    void trainsASyntheticPointAsTheMeanOfItsMembersInputs() throws IOException {
        Selection centroids = Selection.ofGroups(new int[][] {{0, 1}, {4, 5}}, features());
        ReducedDataset reduced =
                ReducedDataset.builder()
                        .setOriginal(dataset(manager, 0))
                        .setSelection(centroids)
                        .setSampling(1, false)
                        .build();
        assertArrayEquals(
                new float[] {0, 1}, reduced.get(manager, 0).getData().head().toFloatArray());
        assertArrayEquals(
                new float[] {51, 50}, reduced.get(manager, 1).getData().head().toFloatArray());
        assertEquals(1f, reduced.get(manager, 1).getLabels().head().getFloat());
    }

    @Test
    void savesAndLoadsTheSelection() throws IOException {
        ArrayDataset original = dataset(manager, 0);
        Selection centroids = Selection.ofGroups(new int[][] {{0, 1}, {3}, {4, 5}}, features());
        Path file = dir.resolve("clc.idx");
        ReducedDataset.builder()
                .setOriginal(original)
                .setSelection(centroids)
                .setSampling(1, false)
                .build()
                .save(file, manager);
        ReducedDataset loaded =
                ReducedDataset.builder()
                        .setOriginal(original)
                        .optIndexFile(file, manager)
                        .setSampling(1, false)
                        .build();
        assertEquals(3, loaded.size());
        for (int g = 0; g < 3; g++) {
            assertArrayEquals(centroids.group(g), loaded.getSelection().group(g));
            assertEquals(centroids.label(g), loaded.getSelection().label(g));
        }
    }

    @Test
    void refusesAnIndexFileOfAnotherDataSet() throws IOException {
        Path file = dir.resolve("srs.idx");
        ReducedDataset.builder()
                .setOriginal(dataset(manager, 0))
                .setSelection(Selection.ofIndices(new int[] {0, 4}, features()))
                .setSampling(1, false)
                .build()
                .save(file, manager);
        IllegalArgumentException sameSize =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ReducedDataset.builder()
                                        .setOriginal(dataset(manager, 1))
                                        .optIndexFile(file, manager));
        assertTrue(sameSize.getMessage().contains("another data set"), sameSize.getMessage());
        assertTrue(sameSize.getMessage().contains("compute the reduction again"));
        ArrayDataset smaller =
                new ArrayDataset.Builder()
                        .setData(manager.zeros(new Shape(5, 2)))
                        .optLabels(manager.zeros(new Shape(5)))
                        .setSampling(1, false)
                        .build();
        IllegalArgumentException size =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ReducedDataset.builder()
                                        .setOriginal(smaller)
                                        .optIndexFile(file, manager));
        assertTrue(size.getMessage().contains("6 samples, but this one has 5"), size.getMessage());
    }

    @Test
    void refusesACorruptIndexFile() throws IOException {
        Path file = dir.resolve("x.idx");
        ArrayDataset original = dataset(manager, 0);
        ReducedDataset.builder()
                .setOriginal(original)
                .setSelection(Selection.ofIndices(new int[] {0, 4}, features()))
                .setSampling(1, false)
                .build()
                .save(file, manager);
        byte[] bytes = Files.readAllBytes(file);
        bytes[30] ^= 1;
        Files.write(file, bytes);
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                ReducedDataset.builder()
                                        .setOriginal(original)
                                        .optIndexFile(file, manager));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
}
