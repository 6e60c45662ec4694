package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.dream.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dataset distillation by distribution matching (DM, Zhao and Bilen, WACV 2023) with uniform random
 * or DREAM's representative real batches (Liu, Wang et al., ICCV 2023).
 *
 * <p>Each iteration: a freshly initialised {@link ConvNet} (frozen) embeds, per class, the real
 * batch and the class's synthetic images, both through one {@link Augmentation} draw; the loss is
 * the sum over classes of {@link DistributionMatching#classLoss}; its gradient updates only the
 * synthetic pixels, by SGD with momentum ({@code v = m v + g; x -= lr v}). Everything random comes
 * from the seed, per iteration, so a resumed run equals an uninterrupted one.
 *
 * <pre>{@code
 * DistilledSet set = Distillation.builder().setDataset(train).setImagesPerClass(10)
 *         .setIterations(1000).optSampler(RealBatchSampler.DREAM).build().run(manager);
 * }</pre>
 */
public final class Distillation {

    /** DM's learning rate for the synthetic pixels. */
    public static final float DM_LEARNING_RATE = 1.0f;

    /** DM's momentum for the synthetic pixels. */
    public static final float DM_MOMENTUM = 0.5f;

    /** DREAM's real batch size (k of the per-class k-means). */
    public static final int DREAM_BATCH_SIZE = 128;

    /** DREAM's re-clustering interval, in iterations. */
    public static final int DREAM_INTERVAL = 10;

    private final Builder settings;

    private Distillation(Builder builder) {
        this.settings = builder;
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the settings a checkpoint must match, as one line.
     *
     * @return e.g. {@code imagesPerClass=10 iterations=... sampler=DREAM ...}
     */
    public String describeSettings() {
        return "imagesPerClass="
                + settings.imagesPerClass
                + " classes="
                + settings.classes
                + " sampler="
                + settings.sampler
                + " initialisation="
                + initialisation()
                + " realBatchSize="
                + settings.realBatchSize
                + " interval="
                + settings.interval
                + " width="
                + settings.width
                + " learningRate="
                + settings.learningRate
                + " momentum="
                + settings.momentum
                + " seed="
                + settings.seed
                + " dataset="
                + settings.dataset.size();
    }

    private SyntheticInitialisation initialisation() {
        if (settings.initialisation != null) {
            return settings.initialisation;
        }
        return settings.sampler == RealBatchSampler.DREAM
                ? SyntheticInitialisation.KMEANS
                : SyntheticInitialisation.RANDOM_REAL;
    }

    /**
     * Runs (or resumes from the checkpoint) the distillation to its last iteration.
     *
     * @param manager the manager that holds the real data while it runs
     * @return the distilled set
     * @throws IOException if the data or the checkpoint cannot be read or written
     * @throws TranslateException if the data set cannot be iterated
     */
    public DistilledSet run(NDManager manager) throws IOException, TranslateException {
        try (NDManager scope = manager.newSubManager()) {
            LabelledImages data = LabelledImages.read(scope, settings.dataset, settings.classes);
            requireEnoughImages(data);
            String described = describeSettings();
            Checkpoint resumed = null;
            if (settings.checkpoint != null && Files.exists(settings.checkpoint)) {
                resumed = Checkpoint.load(settings.checkpoint, described);
            }
            return new Run(scope, data, described).run(resumed);
        }
    }

    private void requireEnoughImages(LabelledImages data) {
        for (int c = 0; c < data.classes(); c++) {
            int size = data.ofClass(c).length;
            if (size < settings.imagesPerClass) {
                throw new IllegalArgumentException(
                        "imagesPerClass "
                                + settings.imagesPerClass
                                + " is larger than class "
                                + c
                                + ", which has "
                                + size
                                + " images: it must be at most the smallest class's size; lower"
                                + " imagesPerClass or give more data of that class.");
            }
        }
    }

    /** One run's state: the data, the synthetic pixels and their momentum. */
    private final class Run {

        private final NDManager manager;
        private final LabelledImages data;
        private final String described;
        private final Shape imageShape;
        private final int imageSize;
        private final RealBatches realBatches;
        private float[] pixels;
        private float[] momentum;
        private long realForwards;
        private long syntheticForwards;

        Run(NDManager manager, LabelledImages data, String described) {
            this.manager = manager;
            this.data = data;
            this.described = described;
            this.imageShape = data.imageShape();
            this.imageSize = (int) imageShape.size();
            this.realBatches =
                    new RealBatches(
                            settings.sampler,
                            data,
                            settings.realBatchSize,
                            settings.interval,
                            settings.seed);
        }

        DistilledSet run(Checkpoint resumed) throws IOException {
            int start = 0;
            if (resumed == null) {
                initialise();
            } else {
                start = resumed.iteration();
                pixels = resumed.pixels();
                momentum = resumed.momentum();
                realForwards = resumed.counters()[0];
                syntheticForwards = resumed.counters()[1];
                realBatches.restore(resumed.selected(), resumed.counters()[2]);
            }
            settings.listener.onStart(progress(start, Float.NaN));
            for (int iteration = start; iteration < settings.iterations; iteration++) {
                float loss = step(iteration);
                int completed = iteration + 1;
                if (settings.checkpoint != null
                        && (completed % settings.checkpointEvery == 0
                                || completed == settings.iterations)) {
                    checkpoint(completed).save(settings.checkpoint);
                }
                settings.listener.onIteration(progress(completed, loss));
            }
            return current();
        }

        private DistillationListener.Progress progress(int completed, float loss) {
            return new DistillationListener.Progress(
                    completed,
                    loss,
                    realForwards,
                    syntheticForwards,
                    realBatches.clusteringForwards(),
                    current());
        }

        private Checkpoint checkpoint(int completed) {
            return new Checkpoint(
                    described,
                    completed,
                    pixels,
                    momentum,
                    new long[] {realForwards, syntheticForwards, realBatches.clusteringForwards()},
                    realBatches.selected());
        }

        private DistilledSet current() {
            int[] labels = new int[settings.classes * settings.imagesPerClass];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i / settings.imagesPerClass;
            }
            return new DistilledSet(pixels.clone(), labels, imageShape);
        }

        private void initialise() {
            int perClass = settings.imagesPerClass;
            pixels = new float[settings.classes * perClass * imageSize];
            momentum = new float[pixels.length];
            try (NDManager scope = manager.newSubManager()) {
                Embedder embedder =
                        initialisation() == SyntheticInitialisation.KMEANS
                                ? Embedder.features(network(scope, Streams.INITIALISATION, 0))
                                : null;
                for (int c = 0; c < settings.classes; c++) {
                    int[] picks =
                            embedder == null
                                    ? Streams.pick(
                                            data.ofClass(c),
                                            perClass,
                                            Streams.of(settings.seed, Streams.INITIALISATION, 0, c))
                                    : Representatives.select(
                                            scope,
                                            data,
                                            c,
                                            perClass,
                                            embedder,
                                            Streams.of(settings.seed, Streams.CLUSTERING, -1, c));
                    if (embedder != null) {
                        realBatches.countClusteringForwards(data.ofClass(c).length);
                    }
                    float[] images = data.gather(scope, picks).toFloatArray();
                    System.arraycopy(images, 0, pixels, c * perClass * imageSize, images.length);
                }
            }
        }

        /** Returns a freshly initialised, frozen ConvNet of the stream's seed. */
        private SequentialBlock network(NDManager scope, long purpose, int iteration) {
            return Matching.freshNetwork(
                    scope,
                    settings.width,
                    settings.classes,
                    imageShape,
                    Streams.engineSeed(settings.seed, purpose, iteration));
        }

        /** Runs one iteration (0-based) and returns its loss. */
        private float step(int iteration) {
            try (NDManager scope = manager.newSubManager()) {
                Embedder embedder = Embedder.features(network(scope, Streams.NETWORK, iteration));
                realBatches.prepare(scope, iteration, embedder);
                List<NDArray> reals = new ArrayList<>();
                List<Augmentation> draws = new ArrayList<>();
                for (int c = 0; c < settings.classes; c++) {
                    int[] batch = realBatches.batch(iteration, c);
                    reals.add(data.gather(scope, batch));
                    draws.add(
                            Augmentation.draw(
                                    Streams.of(settings.seed, Streams.AUGMENTATION, iteration, c),
                                    (int) imageShape.get(1),
                                    (int) imageShape.get(2)));
                    realForwards += batch.length;
                    syntheticForwards += settings.imagesPerClass;
                }
                float[] loss = new float[1];
                float[] gradient =
                        Matching.gradient(
                                scope,
                                embedder,
                                reals,
                                pixels,
                                imageShape,
                                settings.imagesPerClass,
                                draws,
                                loss);
                for (int i = 0; i < pixels.length; i++) {
                    momentum[i] = settings.momentum * momentum[i] + gradient[i];
                    pixels[i] -= settings.learningRate * momentum[i];
                }
                return loss[0];
            }
        }
    }

    /** Configures a distillation; dataset, images per class and iterations are required. */
    public static final class Builder {

        private RandomAccessDataset dataset;
        private int imagesPerClass;
        private int iterations;
        private int classes = 10;
        private RealBatchSampler sampler = RealBatchSampler.RANDOM;
        private SyntheticInitialisation initialisation;
        private int realBatchSize = DREAM_BATCH_SIZE;
        private int interval = DREAM_INTERVAL;
        private int width = ConvNet.PAPER_WIDTH;
        private float learningRate = DM_LEARNING_RATE;
        private float momentum = DM_MOMENTUM;
        private long seed;
        private Path checkpoint;
        private int checkpointEvery = 50;
        private DistillationListener listener = new DistillationListener() {};

        private Builder() {}

        /**
         * Sets the labelled image data set to distil: images (C, H, W), sparse class ids.
         *
         * @param dataset the data set
         * @return this builder
         */
        public Builder setDataset(RandomAccessDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets the synthetic images per class (S: the papers use 1, 10 and 50).
         *
         * @param imagesPerClass S, at least 1 and at most the smallest class's size
         * @return this builder
         */
        public Builder setImagesPerClass(int imagesPerClass) {
            this.imagesPerClass = imagesPerClass;
            return this;
        }

        /**
         * Sets the number of matching iterations.
         *
         * @param iterations at least 1
         * @return this builder
         */
        public Builder setIterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the number of classes (default 10); labels must be 0 to classes - 1.
         *
         * @param classes at least 2
         * @return this builder
         */
        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /**
         * Sets how real batches are chosen (default {@link RealBatchSampler#RANDOM}).
         *
         * @param sampler the sampler
         * @return this builder
         */
        public Builder optSampler(RealBatchSampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Sets where the synthetic images start (default: k-means representatives with the DREAM
         * sampler, random real images otherwise).
         *
         * @param initialisation the initialisation
         * @return this builder
         */
        public Builder optInitialisation(SyntheticInitialisation initialisation) {
            this.initialisation = Objects.requireNonNull(initialisation, "initialisation");
            return this;
        }

        /**
         * Sets the real images per class per iteration, DREAM's k (default 128).
         *
         * @param realBatchSize at least 1 (a smaller class gives all its images)
         * @return this builder
         */
        public Builder optRealBatchSize(int realBatchSize) {
            this.realBatchSize = realBatchSize;
            return this;
        }

        /**
         * Sets DREAM's re-clustering interval in iterations (default 10).
         *
         * @param interval at least 1
         * @return this builder
         */
        public Builder optInterval(int interval) {
            this.interval = interval;
            return this;
        }

        /**
         * Sets the ConvNet's width (default 128, the paper's).
         *
         * @param width at least 1
         * @return this builder
         */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /**
         * Sets the synthetic pixels' SGD learning rate (default 1.0, DM's).
         *
         * @param learningRate positive
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the synthetic pixels' SGD momentum (default 0.5, DM's).
         *
         * @param momentum in [0, 1)
         * @return this builder
         */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets the seed of every random choice (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the checkpoint file: written every {@code every} iterations and at the end; a run
         * that finds it resumes from it (if it was written with the same settings).
         *
         * @param file the checkpoint file; its directory must be writable
         * @param every the interval in iterations, at least 1
         * @return this builder
         */
        public Builder optCheckpoint(Path file, int every) {
            this.checkpoint = Objects.requireNonNull(file, "file");
            this.checkpointEvery = every;
            return this;
        }

        /**
         * Sets the listener of the run's progress.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(DistillationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Checks the settings and builds the distillation.
         *
         * @return the distillation
         * @throws IllegalArgumentException naming the value, the range and the fix
         */
        public Distillation build() {
            if (dataset == null) {
                throw new IllegalArgumentException(
                        "No data set to distil: call setDataset with the labelled training"
                                + " images.");
            }
            require(imagesPerClass >= 1, "imagesPerClass", imagesPerClass, "at least 1");
            require(
                    iterations >= 1,
                    "iterations",
                    iterations,
                    "at least 1 (the iterations to run)");
            require(classes >= 2, "classes", classes, "at least 2");
            require(realBatchSize >= 1, "realBatchSize", realBatchSize, "at least 1");
            require(interval >= 1, "interval", interval, "at least 1");
            require(width >= 1, "width", width, "at least 1");
            require(
                    learningRate > 0 && Float.isFinite(learningRate),
                    "learningRate",
                    learningRate,
                    "a positive number");
            require(momentum >= 0 && momentum < 1, "momentum", momentum, "in [0, 1)");
            require(checkpointEvery >= 1, "checkpoint interval", checkpointEvery, "at least 1");
            if (checkpoint != null) {
                requireWritableDirectory(checkpoint.toAbsolutePath().getParent());
            }
            return new Distillation(this);
        }

        private static void require(boolean valid, String name, Object value, String expected) {
            if (!valid) {
                throw new IllegalArgumentException(
                        name + " " + value + " is invalid: it must be " + expected + ".");
            }
        }
    }

    /**
     * Creates a directory if needed and refuses it unless files can be written in it.
     *
     * @param directory the directory
     * @throws IllegalArgumentException naming the directory and the fix
     */
    public static void requireWritableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(
                    "The output directory "
                            + directory
                            + " cannot be written ("
                            + e
                            + "): it must be a directory this user can create files in; give"
                            + " another directory or fix its permissions.",
                    e);
        }
    }
}
