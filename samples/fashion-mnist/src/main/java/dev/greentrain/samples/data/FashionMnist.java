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
            if (sampler == null) {
                throw new IllegalStateException(
                        "Call setSampling(batchSize, random) before build()");
            }
            IdxReader.Samples samples = read(directory, split, limit);
            int n = samples.count();
            NDArray images;
            try (NDArray bytes =
                    manager.create(
                            ByteBuffer.wrap(samples.pixels()),
                            new Shape(n, 1, IMAGE_SIZE, IMAGE_SIZE),
                            DataType.UINT8)) {
                images = bytes.toType(DataType.FLOAT32, false).divi(255f);
            }
            NDArray labels;
            try (NDArray bytes =
                    manager.create(
                            ByteBuffer.wrap(samples.labels()), new Shape(n), DataType.UINT8)) {
                labels = bytes.toType(DataType.FLOAT32, false);
            }
            return new ArrayDataset.Builder()
                    .setData(images)
                    .optLabels(labels)
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
