package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled image data set held whole: the images as one engine array (N, C, H, W) and the class
 * of every image, with the indices of each class.
 */
final class LabelledImages {

    private final NDArray images;
    private final int[] labels;
    private final int[][] byClass;

    private LabelledImages(NDArray images, int[] labels, int classes) {
        this.images = images;
        this.labels = labels;
        List<List<Integer>> lists = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            lists.get(labels[i]).add(i);
        }
        byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = lists.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Reads a data set whole, refusing one without labels, with labels that are not class ids
     * {@code 0..classes-1}, or without (C, H, W) images.
     */
    static LabelledImages read(NDManager manager, RandomAccessDataset dataset, int classes)
            throws IOException, TranslateException {
        long size = dataset.size();
        if (size < 1) {
            throw new IllegalArgumentException(
                    "The data set to distil is empty: give it the labelled training images.");
        }
        NDList imageParts = new NDList();
        List<Float> labelValues = new ArrayList<>();
        try (NDManager scope = manager.newSubManager()) {
            BatchSampler sampler = new BatchSampler(new SequenceSampler(), 1000, false);
            for (Batch batch : dataset.getData(scope, sampler)) {
                try (batch) {
                    NDList labels = batch.getLabels();
                    if (labels == null || labels.isEmpty()) {
                        throw new IllegalArgumentException(
                                "The data set to distil has no labels (its records carry data"
                                    + " only), but distillation learns images per class: build it"
                                    + " with labels, e.g."
                                    + " ArrayDataset.builder().setData(images).optLabels(labels).");
                    }
                    NDArray data = batch.getData().head();
                    if (data.getShape().dimension() != 4) {
                        throw new IllegalArgumentException(
                                "The data set's images have shape "
                                        + data.getShape()
                                        + " per batch, but distillation needs (N, C, H, W):"
                                        + " reshape them to channels x height x width.");
                    }
                    NDArray part = data.toType(ai.djl.ndarray.types.DataType.FLOAT32, true);
                    part.attach(manager);
                    imageParts.add(part);
                    for (float label :
                            labels.head()
                                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                    .toFloatArray()) {
                        labelValues.add(label);
                    }
                }
            }
        }
        NDArray images = ai.djl.ndarray.NDArrays.concat(imageParts);
        imageParts.close();
        images.attach(manager);
        int[] labels = new int[labelValues.size()];
        for (int i = 0; i < labels.length; i++) {
            float value = labelValues.get(i);
            if (value != Math.rint(value) || value < 0 || value >= classes) {
                images.close();
                throw new IllegalArgumentException(
                        "Label "
                                + value
                                + " of sample "
                                + i
                                + " is not a class id 0.."
                                + (classes - 1)
                                + ": give sparse class ids (not one-hot) or set the number of"
                                + " classes with optClasses.");
            }
            labels[i] = (int) value;
        }
        return new LabelledImages(images, labels, classes);
    }

    /** Wraps arrays already in memory (tests). */
    static LabelledImages of(NDArray images, int[] labels, int classes) {
        return new LabelledImages(images, labels, classes);
    }

    NDArray images() {
        return images;
    }

    int size() {
        return labels.length;
    }

    int label(int index) {
        return labels[index];
    }

    int classes() {
        return byClass.length;
    }

    int[] ofClass(int c) {
        return byClass[c];
    }

    Shape imageShape() {
        Shape shape = images.getShape();
        return new Shape(shape.get(1), shape.get(2), shape.get(3));
    }

    /** Returns the images at the given indices as a new array on {@code manager}. */
    NDArray gather(NDManager manager, int[] indices) {
        long[] longs = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            longs[i] = indices[i];
        }
        NDArray index = manager.create(longs);
        NDArray rows = images.get(index);
        rows.attach(manager);
        return rows;
    }
}
