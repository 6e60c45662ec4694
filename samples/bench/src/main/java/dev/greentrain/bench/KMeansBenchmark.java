package dev.greentrain.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.XavierInitializer;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.DatasetEmbedding;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.Embeddings;
import dev.greentrain.pruning.SplitMix64;
import dev.greentrain.samples.model.Models;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of DREAM's re-clustering at Fashion-MNIST size: 60,000 samples, 10 classes of
 * 6,000, k = 64 per class, 20 Lloyd iterations, embedding dimension 64 (the small CNN's feature
 * size) and 128; the DJL NDArray k-means the plugin uses against the same algorithm in plain Java
 * (cache-blocked, one class per thread). The embedding pass (60,000 28x28 images through the small
 * CNN's feature extractor) is timed separately by {@link #embeddingPass()}.
 *
 * <p>On a loaded machine run it with {@code OMP_WAIT_POLICY=PASSIVE}: PyTorch's OpenMP threads
 * otherwise spin while waiting and, when other processes hold the cores, the NDArray version slows
 * down about 15-fold (measured: 21 s instead of 1.3 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g", "-Dai.djl.offline=true"})
public class KMeansBenchmark {

    private static final int CLASSES = 10;
    private static final int PER_CLASS = 6000;
    private static final int K = 64;
    private static final int ITERATIONS = 20;

    /** The embedding dimension. */
    @Param({"64", "128"})
    public int dim;

    private Embeddings embeddings;
    private int[] labels;
    private NDManager manager;
    private Model model;
    private ArrayDataset images;

    /**
     * Makes unclustered embeddings (Gaussian noise around a per-class offset), on which Lloyd does
     * not converge early, so every run does all 20 iterations; and the image set.
     */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        int n = CLASSES * PER_CLASS;
        float[] data = new float[n * dim];
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            labels[i] = label;
            for (int d = 0; d < dim; d++) {
                data[i * dim + d] = (d == label ? 5f : 0f) + (float) random.nextGaussian();
            }
        }
        embeddings = new Embeddings(data, n, dim);
        manager = NDManager.newBaseManager();
        model = Model.newInstance("cnn");
        model.setBlock(Models.smallCnn());
        model.getBlock().setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        model.getBlock().initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        images =
                new ArrayDataset.Builder()
                        .setData(manager.randomUniform(0, 1, new Shape(n, 1, 28, 28)))
                        .optLabels(manager.create(labels))
                        .setSampling(512, false)
                        .build();
    }

    /** Frees the engine memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        manager.close();
    }

    /**
     * Re-clusters every class with the plugin's NDArray k-means.
     *
     * @return a checksum
     */
    @Benchmark
    public int ndarrayKMeans() {
        return Clustering.cluster(manager, embeddings, labels, K, ITERATIONS, new SplitMix64(1))
                .clusterOf(0);
    }

    /**
     * Re-clusters every class with the plain-Java k-means, two threads.
     *
     * @return a checksum
     */
    @Benchmark
    public int javaKMeans() {
        return IntStream.range(0, CLASSES)
                .parallel()
                .map(c -> JavaKMeans.cluster(classRows(c), PER_CLASS, dim, K, ITERATIONS, c)[0])
                .sum();
    }

    /**
     * Embeds the 60,000 images with the small CNN's feature extractor (dimension 64).
     *
     * @return the forward passes counted
     * @throws Exception if the data cannot be read
     */
    @Benchmark
    public long embeddingPass() throws Exception {
        DatasetEmbedding pass = new DatasetEmbedding(Embedder.features(model.getBlock()), 512);
        pass.embed(manager, images);
        return pass.getForwardPasses();
    }

    private float[] classRows(int label) {
        float[] rows = new float[PER_CLASS * dim];
        int r = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                System.arraycopy(embeddings.data(), i * dim, rows, r++ * dim, dim);
            }
        }
        return rows;
    }

    /** The same k-means (k-means++ then Lloyd with the dot-product distance) on float arrays. */
    static final class JavaKMeans {

        private JavaKMeans() {}

        static int[] cluster(float[] x, int n, int dim, int k, int iterations, long seed) {
            SplitMix64 random = new SplitMix64(seed);
            float[] c = new float[k * dim];
            float[] minD = new float[n];
            java.util.Arrays.fill(minD, Float.MAX_VALUE);
            int pick = random.nextInt(n);
            for (int j = 0; j < k; j++) {
                System.arraycopy(x, pick * dim, c, j * dim, dim);
                double total = 0;
                for (int i = 0; i < n; i++) {
                    float d = 0;
                    for (int t = 0; t < dim; t++) {
                        float diff = x[i * dim + t] - c[j * dim + t];
                        d += diff * diff;
                    }
                    minD[i] = Math.min(minD[i], d);
                    total += minD[i];
                }
                double target = random.nextDouble() * total;
                double sum = 0;
                for (pick = 0; pick < n - 1; pick++) {
                    sum += minD[pick];
                    if (sum > target) {
                        break;
                    }
                }
            }
            float[] xx = new float[n];
            for (int i = 0; i < n; i++) {
                xx[i] = dot(x, i * dim, x, i * dim, dim);
            }
            int[] assignment = new int[n];
            float[] cc = new float[k];
            float[] sums = new float[k * dim];
            int[] counts = new int[k];
            for (int it = 0; it <= iterations; it++) {
                for (int j = 0; j < k; j++) {
                    cc[j] = dot(c, j * dim, c, j * dim, dim);
                }
                // blocks of 64 rows against all centroids keep the centroids in cache
                for (int block = 0; block < n; block += 64) {
                    int end = Math.min(n, block + 64);
                    for (int i = block; i < end; i++) {
                        float best = Float.MAX_VALUE;
                        int arg = 0;
                        for (int j = 0; j < k; j++) {
                            float d = xx[i] - 2 * dot(x, i * dim, c, j * dim, dim) + cc[j];
                            if (d < best) {
                                best = d;
                                arg = j;
                            }
                        }
                        assignment[i] = arg;
                    }
                }
                if (it == iterations) {
                    break;
                }
                java.util.Arrays.fill(sums, 0f);
                java.util.Arrays.fill(counts, 0);
                for (int i = 0; i < n; i++) {
                    int j = assignment[i];
                    counts[j]++;
                    for (int t = 0; t < dim; t++) {
                        sums[j * dim + t] += x[i * dim + t];
                    }
                }
                for (int j = 0; j < k; j++) {
                    for (int t = 0; t < dim && counts[j] > 0; t++) {
                        c[j * dim + t] = sums[j * dim + t] / counts[j];
                    }
                }
            }
            return assignment;
        }

        private static float dot(float[] a, int ai, float[] b, int bi, int dim) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int t = 0;
            for (; t + 3 < dim; t += 4) {
                s0 += a[ai + t] * b[bi + t];
                s1 += a[ai + t + 1] * b[bi + t + 1];
                s2 += a[ai + t + 2] * b[bi + t + 2];
                s3 += a[ai + t + 3] * b[bi + t + 3];
            }
            for (; t < dim; t++) {
                s0 += a[ai + t] * b[bi + t];
            }
            return s0 + s1 + s2 + s3;
        }
    }
}
