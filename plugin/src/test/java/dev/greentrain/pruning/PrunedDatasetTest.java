package dev.greentrain.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import dev.greentrain.infobatch.InfoBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrunedDatasetTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ArrayDataset dataset(int size, int batchSize, boolean dropLast) {
        return new ArrayDataset.Builder()
                .setData(manager.arange(0f, size).reshape(size, 1))
                .optLabels(manager.arange(0f, size))
                .setSampling(batchSize, true, dropLast)
                .addTransform(array -> array.mul(2))
                .build();
    }

    private static InfoBatch infoBatch(int size) {
        return InfoBatch.builder().setDatasetSize(size).setEpochs(3).optSeed(3).build();
    }

    @Test
    void yieldsThePlannedRowsThroughTheWrappedPipeline() throws Exception {
        for (ExecutorService executor :
                new ExecutorService[] {null, Executors.newFixedThreadPool(2)}) {
            InfoBatch policy = infoBatch(50);
            PrunedDataset pruned =
                    PrunedDataset.builder()
                            .setDataset(dataset(50, 8, false))
                            .setPolicy(policy)
                            .build();
            assertEquals(8, pruned.getBatchSize());
            // Epoch 0 is full; record losses so that epoch 1 prunes.
            drain(pruned, executor);
            float[] losses = new float[50];
            Arrays.fill(losses, 0.1f);
            Arrays.fill(losses, 40, 50, 5f);
            long[] indices = new long[50];
            Arrays.setAll(indices, i -> i);
            policy.recordLosses(indices, losses);

            List<Long> seen = drain(pruned, executor);
            EpochPlan plan = pruned.getCurrentPlan();
            assertEquals(1, plan.getStats().epoch());
            assertEquals(30, plan.size(), "40 well-learned, 20 kept, 10 hard");
            assertEquals(30, seen.size());
            for (int p = 0; p < plan.size(); p++) {
                assertEquals(plan.indexAt(p), seen.get(p));
            }
            assertEquals(4, pruned.getCurrentBatchCount());
            if (executor != null) {
                executor.shutdown();
            }
        }
    }

    /** Iterates one epoch, checking every row's data against its index; returns the indices. */
    private List<Long> drain(PrunedDataset pruned, ExecutorService executor)
            throws IOException, TranslateException {
        List<Long> seen = new ArrayList<>();
        for (Batch batch : pruned.getData(manager, executor)) {
            float[] data = batch.getData().head().toFloatArray();
            float[] labels = batch.getLabels().head().toFloatArray();
            assertTrue(batch.getSize() > 0, "no empty batch");
            for (int row = 0; row < batch.getSize(); row++) {
                long index = (Long) batch.getIndices().get(row);
                assertEquals(2f * index, data[row], "pipeline transform kept");
                assertEquals(index, labels[row], 0f);
                seen.add(index);
            }
            batch.close();
        }
        return seen;
    }

    @Test
    void readsBatchSizeAndDropLastFromTheWrappedDataset() throws Exception {
        ArrayDataset dataset = dataset(10, 4, true);
        assertEquals(4, PrunedDataset.batchSizeOf(dataset));
        assertTrue(PrunedDataset.dropsLastOf(dataset));
        PrunedDataset pruned =
                PrunedDataset.builder().setDataset(dataset).setPolicy(infoBatch(10)).build();
        pruned.getData(manager);
        assertEquals(2, pruned.getCurrentBatchCount());
    }

    @Test
    void rejectsAnEmptyDatasetAndAPolicyOfAnotherSize() {
        ArrayDataset empty =
                new ArrayDataset.Builder()
                        .setData(manager.zeros(new ai.djl.ndarray.types.Shape(0, 1)))
                        .setSampling(4, true)
                        .build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                PrunedDataset.builder()
                                        .setDataset(empty)
                                        .setPolicy(infoBatch(1))
                                        .build());
        assertTrue(e.getMessage().contains("is empty (size 0)"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                PrunedDataset.builder()
                                        .setDataset(dataset(10, 4, false))
                                        .setPolicy(infoBatch(12))
                                        .build());
        assertTrue(e.getMessage().contains("built for 12 samples but the dataset has 10"));
    }
}
