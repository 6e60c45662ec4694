package dev.greentrain.dream;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.pruning.SplitMix64;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-class k-means over embeddings of a dataset, recomputed every {@code interval} epochs and
 * reused in between: the clustering behind {@link DreamSampler} and {@link StratifiedInfoBatch}.
 *
 * <p>Each re-clustering embeds the whole dataset with the {@link Embedder} (in inference mode,
 * through the model as it is at that moment: at epoch 0 the freshly initialised network, as DREAM
 * uses "the network currently in use"), then runs {@link KMeans} separately on each class's
 * embeddings with {@code k} clusters. Clusters are numbered across classes: class {@code c}'s
 * clusters follow those of the classes with smaller ids. A class id with no samples (a gap in the
 * labels) gets no clusters and is skipped. A class with fewer samples than {@code k} is an error at
 * build time. Every embedded sample of a model-running embedder is counted in {@link
 * #getForwardPasses()}.
 */
public final class Clustering implements ClusterSource {

    /**
     * The default number of clusters per class: DREAM uses k = its real batch per class; 64 keeps
     * about 94 samples per cluster in a Fashion-MNIST class of 6,000, so quotas stay fine-grained
     * down to budgets of about 1%, while k-means cost grows linearly with k.
     */
    public static final int DEFAULT_CLUSTERS_PER_CLASS = 64;

    /** The default re-clustering interval in epochs: every epoch. */
    public static final int DEFAULT_INTERVAL = 1;

    private final RandomAccessDataset dataset;
    private final Embedder embedder;
    private final int[] labels;
    private final int clustersPerClass;
    private final int interval;
    private final int iterations;
    private final Device device;
    private final SplitMix64 random;
    private final DatasetEmbedding embedding;
    private ClusterAssignment current;
    private int clusteredAt = -1;
    private int reclusterings;

    private Clustering(Builder builder, int[] labels) {
        this.dataset = builder.dataset;
        this.embedder = builder.embedder;
        this.labels = labels;
        this.clustersPerClass = builder.clustersPerClass;
        this.interval = builder.interval;
        this.iterations = builder.iterations;
        this.device = builder.device;
        this.random = new SplitMix64(builder.seed);
        this.embedding = new DatasetEmbedding(builder.embedder, builder.batchSize);
    }

    /**
     * Creates a builder; {@code setDataset} and {@code setEmbedder} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public int getDatasetSize() {
        return labels.length;
    }

    /**
     * Returns the number of clusters per class.
     *
     * @return k
     */
    public int getClustersPerClass() {
        return clustersPerClass;
    }

    /**
     * Returns the re-clustering interval.
     *
     * @return the epochs between re-clusterings
     */
    public int getInterval() {
        return interval;
    }

    /**
     * Returns how many times the dataset has been clustered.
     *
     * @return the re-clusterings so far
     */
    public int getReclusterings() {
        return reclusterings;
    }

    /** {@inheritDoc} */
    @Override
    public long getForwardPasses() {
        return embedding.getForwardPasses();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Clusters at the first call and again once {@code interval} epochs have passed since the
     * last clustering.
     */
    @Override
    public synchronized ClusterAssignment assignmentFor(int epoch) {
        if (current == null || epoch >= clusteredAt + interval) {
            try (NDManager manager = newManager()) {
                Embeddings embeddings = embedding.embed(manager, dataset);
                current =
                        cluster(manager, embeddings, labels, clustersPerClass, iterations, random);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the dataset to embed it", e);
            } catch (TranslateException e) {
                throw new IllegalStateException("Could not process the dataset to embed it", e);
            }
            clusteredAt = epoch;
            reclusterings++;
        }
        return current;
    }

    private NDManager newManager() {
        return device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
    }

    /**
     * Runs k-means separately on each class's embeddings (the step the benchmark times).
     *
     * @param manager the manager whose device computes
     * @param embeddings one row per sample
     * @param labels the class of every sample
     * @param k clusters per class; every non-empty class must have at least k samples
     * @param iterations the most Lloyd updates
     * @param random the generator for k-means++
     * @return the assignment, clusters numbered across classes
     * @throws IllegalArgumentException if an embedding is NaN or infinite (naming the sample), or a
     *     class has fewer than k samples
     */
    public static ClusterAssignment cluster(
            NDManager manager,
            Embeddings embeddings,
            int[] labels,
            int k,
            int iterations,
            SplitMix64 random) {
        int n = embeddings.rows();
        int dim = embeddings.dim();
        if (labels.length != n) {
            throw new IllegalArgumentException(
                    n + " embeddings but " + labels.length + " labels: give one label per sample.");
        }
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        checkClassSizes(labels, classes, k);
        float[] values = embeddings.data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        "The embedding of sample "
                                + i / Math.max(dim, 1)
                                + " has a non-finite value ("
                                + values[i]
                                + "); k-means needs finite embeddings: check that sample and the"
                                + " model's weights.");
            }
        }
        int[] clusterOf = new int[n];
        float[] distance = new float[n];
        int[] members = new int[n];
        for (int c = 0; c < classes.length; c++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == classes[c]) {
                    members[count++] = i;
                }
            }
            float[] rows = new float[count * dim];
            for (int r = 0; r < count; r++) {
                System.arraycopy(embeddings.data(), members[r] * dim, rows, r * dim, dim);
            }
            KMeans.Result result = KMeans.cluster(manager, rows, count, dim, k, iterations, random);
            for (int r = 0; r < count; r++) {
                clusterOf[members[r]] = c * k + result.assignment()[r];
                distance[members[r]] = result.distance()[r];
            }
        }
        return new ClusterAssignment(clusterOf, distance, classes.length * k);
    }

    static void checkClassSizes(int[] labels, int[] classes, int k) {
        for (int label : classes) {
            int size = 0;
            for (int l : labels) {
                if (l == label) {
                    size++;
                }
            }
            if (size < k) {
                throw new IllegalArgumentException(
                        "Class "
                                + label
                                + " has "
                                + size
                                + " samples, fewer than k = "
                                + k
                                + " clusters per class; lower optClustersPerClass(...) to at most"
                                + " the smallest class's size, or merge or drop that class.");
            }
        }
    }

    /** Builds a {@link Clustering}. */
    public static final class Builder {

        private RandomAccessDataset dataset;
        private Embedder embedder;
        private int[] labels;
        private int clustersPerClass = DEFAULT_CLUSTERS_PER_CLASS;
        private int interval = DEFAULT_INTERVAL;
        private int iterations = KMeans.DEFAULT_ITERATIONS;
        private int batchSize = DatasetEmbedding.DEFAULT_BATCH_SIZE;
        private long seed = 42;
        private Device device;

        Builder() {}

        /**
         * Sets the training dataset to cluster.
         *
         * @param dataset the dataset, with 1 to {@code Integer.MAX_VALUE} samples
         * @return this builder
         */
        public Builder setDataset(RandomAccessDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets how samples are embedded, e.g. {@code Embedder.features(model.getBlock())}.
         *
         * @param embedder the embedder
         * @return this builder
         */
        public Builder setEmbedder(Embedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /**
         * Sets the class of every sample; by default the dataset's first label array is read.
         *
         * @param labels one class id (&gt;= 0) per sample
         * @return this builder
         */
        public Builder optLabels(int[] labels) {
            this.labels = labels.clone();
            return this;
        }

        /**
         * Sets k, the number of clusters per class.
         *
         * @param clustersPerClass at least 1 and at most the smallest class's size; default 64
         * @return this builder
         */
        public Builder optClustersPerClass(int clustersPerClass) {
            this.clustersPerClass = clustersPerClass;
            return this;
        }

        /**
         * Sets how many epochs a clustering is reused before the next one.
         *
         * @param interval at least 1; default 1 (re-cluster every epoch)
         * @return this builder
         */
        public Builder optInterval(int interval) {
            this.interval = interval;
            return this;
        }

        /**
         * Sets the most Lloyd iterations per k-means run.
         *
         * @param iterations at least 0; default 20
         * @return this builder
         */
        public Builder optIterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the samples per embedding forward pass.
         *
         * @param batchSize at least 1; default 512
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the seed of the k-means++ draws.
         *
         * @param seed the seed; default 42
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the device embedding and k-means run on; it must be the model's device.
         *
         * @param device the device; default the engine's default device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Builds the clustering, reading the labels if they were not given and checking every
         * setting.
         *
         * @return the clustering
         * @throws IllegalArgumentException naming the bad setting and how to fix it
         */
        public Clustering build() {
            Objects.requireNonNull(dataset, "dataset: call setDataset(trainingSet)");
            Objects.requireNonNull(embedder, "embedder: call setEmbedder(...)");
            int size = DatasetEmbedding.checkedSize(dataset);
            check(
                    clustersPerClass >= 1,
                    "Clusters per class k = " + clustersPerClass,
                    "at least 1");
            check(interval >= 1, "Re-clustering interval " + interval, "at least 1 epoch");
            check(iterations >= 0, "Lloyd iterations " + iterations, "at least 0");
            check(batchSize >= 1, "Embedding batch size " + batchSize, "at least 1");
            int[] classIds = labels;
            if (classIds == null) {
                try (NDManager manager =
                        device == null
                                ? NDManager.newBaseManager()
                                : NDManager.newBaseManager(device)) {
                    classIds = DatasetEmbedding.readLabels(manager, dataset);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read the dataset's labels", e);
                } catch (TranslateException e) {
                    throw new IllegalStateException("Could not process the dataset's labels", e);
                }
            }
            if (classIds.length != size) {
                throw new IllegalArgumentException(
                        classIds.length
                                + " labels for a dataset of "
                                + size
                                + " samples: optLabels needs one class id per sample.");
            }
            for (int i = 0; i < classIds.length; i++) {
                if (classIds[i] < 0) {
                    throw new IllegalArgumentException(
                            "Sample "
                                    + i
                                    + " has class "
                                    + classIds[i]
                                    + "; class ids must be >= 0.");
                }
            }
            int[] present = Arrays.stream(classIds).distinct().sorted().toArray();
            checkClassSizes(classIds, present, clustersPerClass);
            return new Clustering(this, classIds);
        }

        private static void check(boolean ok, String what, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(
                        what + " is invalid: it must be " + expected + ".");
            }
        }
    }
}
