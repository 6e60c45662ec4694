package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.greentrain.infobatch.InfoBatchDetails;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchWeightsTest {

    private static final int ROWS = 10;

    private static EpochPlan plan() {
        int[] order = new int[100];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new EpochPlan(
                order,
                100,
                index -> index % 3 == 0 ? 2f : 1f,
                EpochStats.planned(1, 100, 100, 0, new InfoBatchDetails(0, 0, 1.0, 2f, true)));
    }

    /** A batch of rows whose data and label encode their dataset index. */
    private static Batch batch(NDManager manager, long[] datasetIndices) {
        float[] data = new float[datasetIndices.length];
        float[] labels = new float[datasetIndices.length];
        List<Long> indices = new ArrayList<>();
        for (int i = 0; i < datasetIndices.length; i++) {
            data[i] = datasetIndices[i];
            labels[i] = 1000 + datasetIndices[i];
            indices.add(datasetIndices[i]);
        }
        return new Batch(
                manager.newSubManager(),
                new NDList(manager.create(data).reshape(datasetIndices.length, 1)),
                new NDList(manager.create(labels)),
                datasetIndices.length,
                Batchifier.STACK,
                Batchifier.STACK,
                0,
                100,
                indices);
    }

    @Test
    void indicesAndWeightsStayWithTheirRowsThroughADeviceSplit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] datasetIndices = {42, 7, 99, 3, 18, 64, 5, 27, 81, 12};
            Batch batch = batch(manager, datasetIndices);
            BatchWeights.attach(batch, plan());
            // Three splits the way DJL's StackBatchifier cuts them for three devices: 4, 4, 2.
            Batch[] splits =
                    batch.split(new Device[] {Device.cpu(), Device.cpu(), Device.cpu()}, false);
            BatchWeights.removeFrom(batch);
            assertEquals(1, batch.getLabels().size(), "the batch's own labels are restored");
            assertEquals(3, splits.length);
            int rowsSeen = 0;
            for (Batch split : splits) {
                assertEquals(ROWS, split.getIndices().size(), "DJL hands every split all indices");
                BatchWeights rows = BatchWeights.detach(split.getLabels());
                assertEquals(1, rows.labels().size());
                float[] data = split.getData().head().toFloatArray();
                float[] labels = rows.labels().head().toFloatArray();
                long[] indices = rows.indexArray();
                float[] weights = rows.weights().toFloatArray();
                assertEquals(data.length, indices.length);
                for (int row = 0; row < indices.length; row++) {
                    assertEquals(data[row], indices[row], 0f, "index stays with its row");
                    assertEquals(1000 + indices[row], labels[row], 0f);
                    assertEquals(indices[row] % 3 == 0 ? 2f : 1f, weights[row]);
                    rowsSeen++;
                }
            }
            assertEquals(ROWS, rowsSeen);
            batch.close();
        }
    }

    @Test
    void singleDeviceSplitKeepsAllRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager, new long[] {3, 6, 1});
            BatchWeights.attach(batch, plan());
            Batch[] splits = batch.split(new Device[] {Device.cpu()}, false);
            BatchWeights rows = BatchWeights.detach(splits[0].getLabels());
            BatchWeights.removeFrom(batch);
            assertEquals(3, rows.indices().getShape().get(0));
            assertEquals(2f, rows.weights().toFloatArray()[0]);
            assertEquals(1, rows.labels().size());
            assertEquals(1, batch.getLabels().size());
            batch.close();
        }
    }

    @Test
    void detachWithoutAttachGivesAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> BatchWeights.detach(new NDList(manager.create(new float[] {1}))));
            assertTrue(e.getMessage().contains("BatchWeights.attach"), e.getMessage());
        }
    }
}
