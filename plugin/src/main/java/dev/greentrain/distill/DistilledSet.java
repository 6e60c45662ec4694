package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A distilled data set: {@code imagesPerClass} synthetic images of every class, class by class,
 * with their labels. It is saved as a DJL {@link NDList} file (arrays {@code images} (N, C, H, W)
 * float32 and {@code labels} (N) float32, sparse class ids) and loads back into a training {@link
 * ArrayDataset}:
 *
 * <pre>{@code
 * ArrayDataset train = DistilledSet.load(path).toDataset(manager, 256);
 * }</pre>
 *
 * @param pixels the images, row-major (N, C, H, W)
 * @param labels the class of every image
 * @param imageShape (C, H, W)
 */
public record DistilledSet(float[] pixels, int[] labels, Shape imageShape) {

    private static final String IMAGES = "images";
    private static final String LABELS = "labels";

    /**
     * Returns the number of images.
     *
     * @return N
     */
    public int size() {
        return labels.length;
    }

    /**
     * Saves the set atomically (a temporary in the same directory, then a rename).
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            write(file, toArrays(manager));
        }
    }

    /**
     * Loads a set saved by {@link #save}.
     *
     * @param file the file
     * @return the set
     * @throws IOException if it cannot be read or holds no distilled set
     */
    public static DistilledSet load(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList arrays = read(manager, file);
            NDArray images = arrays.get(IMAGES);
            NDArray labels = arrays.get(LABELS);
            if (images == null || labels == null || images.getShape().dimension() != 4) {
                throw new IOException(
                        file
                                + " holds no distilled set (it needs the arrays 'images' (N, C, H,"
                                + " W) and 'labels' (N)): give a file written by"
                                + " DistilledSet.save or the distill command.");
            }
            Shape shape = images.getShape();
            float[] classes = labels.toType(DataType.FLOAT32, false).toFloatArray();
            int[] ids = new int[classes.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) classes[i];
            }
            return new DistilledSet(
                    images.toFloatArray(),
                    ids,
                    new Shape(shape.get(1), shape.get(2), shape.get(3)));
        }
    }

    /**
     * Returns a shuffled training data set of these images and labels.
     *
     * @param manager the manager that holds the arrays
     * @param batchSize the batch size
     * @return the data set
     */
    public ArrayDataset toDataset(NDManager manager, int batchSize) {
        NDList arrays = toArrays(manager);
        return new ArrayDataset.Builder()
                .setData(arrays.get(IMAGES))
                .optLabels(arrays.get(LABELS))
                .setSampling(batchSize, true)
                .build();
    }

    /** Returns the images and labels as named arrays. */
    NDList toArrays(NDManager manager) {
        NDArray images =
                manager.create(pixels, new Shape(size()).addAll(imageShape))
                        .toType(DataType.FLOAT32, false);
        images.setName(IMAGES);
        float[] classes = new float[size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels[i];
        }
        NDArray labelArray = manager.create(classes);
        labelArray.setName(LABELS);
        return new NDList(images, labelArray);
    }

    /** Writes named arrays atomically. */
    static void write(Path file, NDList arrays) throws IOException {
        AtomicFiles.write(file, arrays::encode);
    }

    /** Reads named arrays, refusing a missing file with its name. */
    static NDList read(NDManager manager, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "No file " + file + ": give the path of a file the distill command wrote.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new IOException(file + " is not a DJL NDList file (" + e.getMessage() + ").", e);
        }
    }
}
