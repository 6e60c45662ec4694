package dev.greentrain.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies every record of a dataset into an in-memory {@link ArrayDataset}, once, so that the
 * records (e.g. CLC's synthetic means, each computed from its cluster's members) are not computed
 * again in every epoch: the data arrays in float32 (the type of a synthetic mean), the labels as
 * they are.
 */
final class InMemoryCopy {

    private InMemoryCopy() {}

    /**
     * Reads every record of a dataset and stacks them.
     *
     * @param source the dataset to copy
     * @param settings how the copy is sampled, batched and transformed: the original's
     * @param manager owns the copy's arrays for as long as the copy trains
     * @return the copy
     * @throws IOException if a record cannot be read
     */
    static ArrayDataset of(
            RandomAccessDataset source, TrainingSetSettings settings, NDManager manager)
            throws IOException {
        int size = Math.toIntExact(source.size());
        if (size == 0) {
            throw new IllegalArgumentException(
                    "The derived training set is empty: nothing to train; check the selection.");
        }
        try (NDManager reading = manager.newSubManager()) {
            List<List<NDArray>> data = new ArrayList<>();
            List<List<NDArray>> labels = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Record record = source.get(reading, i);
                add(data, record.getData(), true);
                add(labels, record.getLabels(), false);
            }
            ArrayDataset.Builder builder =
                    new ArrayDataset.Builder()
                            .setData(stacked(data, manager))
                            .optLabels(stacked(labels, manager));
            return settings.applyTo(builder).build();
        }
    }

    private static void add(List<List<NDArray>> columns, NDList record, boolean asFloat) {
        for (int a = 0; a < record.size(); a++) {
            if (columns.size() <= a) {
                columns.add(new ArrayList<>());
            }
            NDArray array = record.get(a);
            columns.get(a).add(asFloat ? array.toType(DataType.FLOAT32, false) : array);
        }
    }

    private static NDArray[] stacked(List<List<NDArray>> columns, NDManager manager) {
        NDArray[] arrays = new NDArray[columns.size()];
        for (int a = 0; a < arrays.length; a++) {
            arrays[a] = NDArrays.stack(new NDList(columns.get(a)));
            arrays[a].attach(manager);
        }
        return arrays;
    }
}
