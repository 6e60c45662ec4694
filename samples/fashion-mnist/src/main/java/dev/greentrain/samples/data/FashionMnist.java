package dev.greentrain.samples.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads Fashion-MNIST from the gzip IDX files of Debian's {@code dataset-fashion-mnist} package
 * into an in-memory {@link ArrayDataset}, without any network access.
 *
 * <p>Images come out as float32 {@code (N, 1, 28, 28)} scaled to {@code [0, 1]}; labels as float32
 * {@code (N)} class ids in {@code 0..9}, the sparse labels that {@code SoftmaxCrossEntropyLoss}
 * expects. Typical use:
 *
 * <pre>{@code
 * ArrayDataset train =
 *         FashionMnist.builder().optSplit(FashionMnist.Split.TRAIN).setSampling(128, true).build(manager);
 * }</pre>
 */
public final class FashionMnist {

    /** The directory where {@code sudo apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The height and width of every image, in pixels. */
    public static final int IMAGE_SIZE = 28;

    /** The number of classes; labels are the class ids {@code 0..NUM_CLASSES-1}. */
    public static final int NUM_CLASSES = 10;

    private static final String FILES =
            "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
                    + " t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz";

    private static final String INSTALL_HINT =
            "Install the dataset with `sudo apt-get install dataset-fashion-mnist` (it puts the"
                    + " files in "
                    + DEFAULT_DIRECTORY
                    + "), or pass --data-dir with a directory holding the four files "
                    + FILES
                    + ".";

    private static final String DAMAGED_HINT =
            "Reinstall the dataset with `sudo apt-get install --reinstall dataset-fashion-mnist`,"
                    + " or pass --data-dir with a directory holding the four original files "
                    + FILES
                    + ".";

    private FashionMnist() {}

    /** The two parts of Fashion-MNIST, each stored as a pair of IDX files. */
    public enum Split {
        /** The 60,000 training samples. */
        TRAIN("train"),
        /** The 10,000 test samples. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        /**
         * Returns the images file of this split inside {@code directory}.
         *
         * @param directory the directory holding the Fashion-MNIST files
         * @return the path of the gzip IDX images file
         */
        public Path imagesFile(Path directory) {
            return directory.resolve(prefix + "-images-idx3-ubyte.gz");
        }

        /**
         * Returns the labels file of this split inside {@code directory}.
         *
         * @param directory the directory holding the Fashion-MNIST files
         * @return the path of the gzip IDX labels file
         */
        public Path labelsFile(Path directory) {
            return directory.resolve(prefix + "-labels-idx1-ubyte.gz");
        }
    }

    /**
     * Returns a new builder that reads the training split from {@link #DEFAULT_DIRECTORY}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and loads a Fashion-MNIST split; {@code setSampling} is required. */
    public static final class Builder {

        private Path directory = DEFAULT_DIRECTORY;
        private Split split = Split.TRAIN;
        private int limit = Integer.MAX_VALUE;
        private double longTail = Double.NaN;
        private Sampler sampler;

        private Builder() {}

        /**
         * Sets the directory holding the four gzip IDX files (default {@link #DEFAULT_DIRECTORY}).
         *
         * @param directory the directory to read from
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets which split to read (default {@link Split#TRAIN}).
         *
         * @param split the split to read
         * @return this builder
         */
        public Builder optSplit(Split split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /**
         * Reads only the first {@code limit} samples of the split (all of them by default).
         *
         * @param limit the maximum number of samples, at least 1
         * @return this builder
         */
        public Builder optLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, got " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Makes the split exponentially long-tailed ({@link LongTail}): class {@code c} keeps its
         * first {@code floor(n_max * (1 / factor)^(c / 9))} samples (after {@link #optLimit(int)}).
         *
         * @param factor the ratio of the largest to the smallest class, at least 1, e.g. 100
         * @return this builder
         */
        public Builder optLongTail(double factor) {
            LongTail.select(new int[0], NUM_CLASSES, factor); // refuses a bad factor now
            this.longTail = factor;
            return this;
        }

        /**
         * Sets batched sampling, keeping the last incomplete batch.
         *
         * @param batchSize the number of samples per batch
         * @param random whether to shuffle the samples every epoch
         * @return this builder
         */
        public Builder setSampling(int batchSize, boolean random) {
            return setSampling(batchSize, random, false);
        }

        /**
         * Sets batched sampling.
         *
         * @param batchSize the number of samples per batch
         * @param random whether to shuffle the samples every epoch
         * @param dropLast whether to drop the last incomplete batch
         * @return this builder
         */
        public Builder setSampling(int batchSize, boolean random, boolean dropLast) {
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "batchSize must be at least 1, got " + batchSize);
            }
            Sampler.SubSampler order = random ? new RandomSampler() : new SequenceSampler();
            return setSampling(new BatchSampler(order, batchSize, dropLast));
        }

        /**
         * Sets the sampler that groups sample indices into batches.
         *
         * @param sampler the sampler to use
         * @return this builder
         */
        public Builder setSampling(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Reads the split and returns it as an {@link ArrayDataset} whose arrays belong to {@code
         * manager}.
         *
         * @param manager the manager that will own the image and label arrays
         * @return the dataset, with data {@code (N, 1, 28, 28)} in [0, 1] and labels {@code (N)}
         * @throws IOException if the files are missing, malformed, truncated or inconsistent
         */
        public ArrayDataset build(NDManager manager) throws IOException {
            Loaded loaded = load(manager);
            return loaded.dataset(manager, loaded.labels);
        }

        /**
         * Reads the split into one image array, from which datasets with the split's own or other
         * labels (e.g. noisy ones) are made without copying the images.
         *
         * @param manager the manager that will own the image array
         * @return the loaded split
         * @throws IOException if the files are missing, malformed, truncated or inconsistent
         */
        public Loaded load(NDManager manager) throws IOException {
            if (sampler == null) {
                throw new IllegalStateException(
                        "Call setSampling(batchSize, random) before build()");
            }
            IdxReader.Samples samples = read(directory, split, limit);
            int[] labels = new int[samples.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = samples.labels()[i];
            }
            byte[] pixels = samples.pixels();
            if (!Double.isNaN(longTail)) {
                int[] kept = LongTail.select(labels, NUM_CLASSES, longTail);
                int size = IMAGE_SIZE * IMAGE_SIZE;
                byte[] keptPixels = new byte[kept.length * size];
                int[] keptLabels = new int[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    System.arraycopy(pixels, kept[i] * size, keptPixels, i * size, size);
                    keptLabels[i] = labels[kept[i]];
                }
                pixels = keptPixels;
                labels = keptLabels;
            }
            NDArray images;
            try (NDArray bytes =
                    manager.create(
                            ByteBuffer.wrap(pixels),
                            new Shape(labels.length, 1, IMAGE_SIZE, IMAGE_SIZE),
                            DataType.UINT8)) {
                images = bytes.toType(DataType.FLOAT32, false).divi(255f);
            }
            return new Loaded(images, labels, sampler);
        }
    }

    /** A split's images, as one array, and its labels. */
    public static final class Loaded {

        private final NDArray images;
        private final int[] labels;
        private final Sampler sampler;

        private Loaded(NDArray images, int[] labels, Sampler sampler) {
            this.images = images;
            this.labels = labels;
            this.sampler = sampler;
        }

        /**
         * Returns the split's labels.
         *
         * @return a copy of the class ids, one per image
         */
        public int[] labels() {
            return labels.clone();
        }

        /**
         * Returns a dataset of the split's images with given labels, sharing the image array.
         *
         * @param manager the manager that will own the label array
         * @param classIds one class id per image, e.g. noisy ones ({@link LabelNoise})
         * @return the dataset, with the builder's sampling
         */
        public ArrayDataset dataset(NDManager manager, int[] classIds) {
            if (classIds.length != labels.length) {
                throw new IllegalArgumentException(
                        "Got "
                                + classIds.length
                                + " labels for "
                                + labels.length
                                + " images: give one label per image.");
            }
            float[] values = new float[classIds.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = classIds[i];
            }
            return new ArrayDataset.Builder()
                    .setData(images)
                    .optLabels(manager.create(values))
                    .setSampling(sampler)
                    .build();
        }
    }

    private static IdxReader.Samples read(Path directory, Split split, int limit)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new FileNotFoundException(
                    "Fashion-MNIST directory " + directory + " does not exist. " + INSTALL_HINT);
        }
        Path images = split.imagesFile(directory);
        Path labels = split.labelsFile(directory);
        for (Path file : new Path[] {images, labels}) {
            if (!Files.isRegularFile(file)) {
                throw new FileNotFoundException(
                        "Fashion-MNIST file " + file + " is missing. " + INSTALL_HINT);
            }
        }
        return IdxReader.read(
                images, labels, IMAGE_SIZE, IMAGE_SIZE, NUM_CLASSES, limit, DAMAGED_HINT);
    }
}
