package dev.greentrain.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import dev.greentrain.pruning.EpochPlan;
import java.util.List;

/**
 * The rows of one batch split: the original labels, plus the dataset index and loss weight of every
 * row.
 *
 * <p>DJL's {@code Batch.split} hands the whole index list to every device split, so indices and
 * weights would lose their rows. {@link #attach(Batch, EpochPlan)} appends them as two extra label
 * arrays before the split, where the batch's own label batchifier cuts them exactly like the
 * labels; {@link #detach(NDList)} takes them off each split again.
 *
 * @param labels the split's original labels, without the two extra arrays
 * @param indices the dataset index of each row, int64 of shape (rows)
 * @param weights the loss weight of each row, float32 of shape (rows)
 */
public record BatchWeights(NDList labels, NDArray indices, NDArray weights) {

    private static final int EXTRA_ARRAYS = 2;

    /**
     * Appends each row's dataset index and loss weight to the batch's labels; call before {@code
     * batch.split(...)} and call {@link #removeFrom(Batch)} after it.
     *
     * @param batch a batch drawn from a {@code PrunedDataset}
     * @param plan the epoch plan the batch was drawn from
     */
    public static void attach(Batch batch, EpochPlan plan) {
        List<?> rowIndices = batch.getIndices();
        int rows = batch.getSize();
        if (rowIndices == null || rowIndices.size() != rows) {
            throw new IllegalArgumentException(
                    "The batch has "
                            + rows
                            + " rows but "
                            + (rowIndices == null ? "no" : rowIndices.size())
                            + " dataset indices; draw batches from a PrunedDataset so that every"
                            + " row has its index.");
        }
        long[] indices = new long[rows];
        float[] weights = new float[rows];
        for (int i = 0; i < rows; i++) {
            long index = ((Number) rowIndices.get(i)).longValue();
            indices[i] = index;
            weights[i] = plan.weightOf(index);
        }
        NDManager manager = batch.getManager();
        NDList labels = batch.getLabels();
        labels.add(manager.create(indices));
        labels.add(manager.create(weights));
    }

    /**
     * Takes the index and weight arrays back off a batch's labels (after splitting).
     *
     * @param batch the batch passed to {@link #attach(Batch, EpochPlan)}
     */
    public static void removeFrom(Batch batch) {
        NDList labels = batch.getLabels();
        for (int i = 0; i < EXTRA_ARRAYS; i++) {
            labels.remove(labels.size() - 1);
        }
    }

    /**
     * Splits one device split's labels into the original labels, indices and weights.
     *
     * @param splitLabels the labels of a split of a batch passed to {@link #attach(Batch,
     *     EpochPlan)}
     * @return the split's rows
     */
    public static BatchWeights detach(NDList splitLabels) {
        int size = splitLabels.size();
        if (size < EXTRA_ARRAYS + 1) {
            throw new IllegalArgumentException(
                    "The split has "
                            + size
                            + " label arrays; expected the labels plus an index and a weight"
                            + " array: call BatchWeights.attach(batch, plan) before batch.split.");
        }
        NDList labels = new NDList(splitLabels.subList(0, size - EXTRA_ARRAYS));
        NDArray indices = splitLabels.get(size - 2);
        NDArray weights = splitLabels.get(size - 1);
        if (indices.getDataType() != DataType.INT64 || weights.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "The last two label arrays are "
                            + indices.getDataType()
                            + " and "
                            + weights.getDataType()
                            + ", expected the int64 indices and float32 weights that"
                            + " BatchWeights.attach appends.");
        }
        return new BatchWeights(labels, indices, weights);
    }

    /**
     * Returns the dataset index of each row.
     *
     * @return the indices, one per row
     */
    public long[] indexArray() {
        return indices.toLongArray();
    }
}
