package dev.greentrain.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.dream.Embedder;
import dev.greentrain.reduction.LabelledFeatures;
import dev.greentrain.reduction.ReductionFeatures;
import dev.greentrain.reduction.Representativeness;
import dev.greentrain.reduction.Selection;
import dev.greentrain.reduction.StratifiedRandom;
import dev.greentrain.samples.data.FashionMnist;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact epsilon-representativeness of a stratified random half (p = 0.5) of 60,000 samples: 64-d
 * embeddings (Gaussian noise around a per-class offset, 10 classes of 6,000) and the raw 784-d
 * Fashion-MNIST training inputs (read from {@code greentrain.fashionmnist.dir}, default {@code
 * /usr/share/datasets/fashion-mnist}). The target for the 64-d case is under 60 s on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g", "-Dai.djl.offline=true"})
public class EpsilonBenchmark {

    private static final int CLASSES = 10;
    private static final int PER_CLASS = 6000;

    /** The features: {@code embedding64} or {@code raw784}. */
    @Param({"embedding64", "raw784"})
    public String features;

    private LabelledFeatures data;
    private Selection half;

    /**
     * Builds the features and the p = 0.5 selection.
     *
     * @throws IOException if the Fashion-MNIST files cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = features.equals("raw784") ? fashionMnist() : embeddings(64);
        half = new StratifiedRandom().select(data, 0.5, 1);
    }

    private static LabelledFeatures embeddings(int dim) {
        Random random = new Random(1);
        int n = CLASSES * PER_CLASS;
        float[] values = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            for (int j = 0; j < dim; j++) {
                values[i * dim + j] =
                        (float) random.nextGaussian() + (j % CLASSES == labels[i] ? 2f : 0f);
            }
        }
        return LabelledFeatures.of(values, dim, labels);
    }

    private static LabelledFeatures fashionMnist() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train =
                    FashionMnist.builder()
                            .optDirectory(
                                    java.nio.file.Path.of(
                                            System.getProperty(
                                                    "greentrain.fashionmnist.dir",
                                                    FashionMnist.DEFAULT_DIRECTORY.toString())))
                            .setSampling(512, false)
                            .build(manager);
            return new ReductionFeatures(Embedder.rawInput()).read(train);
        }
    }

    /**
     * Computes epsilon.
     *
     * @return epsilon, so that the work is not optimised away
     */
    @Benchmark
    public double epsilon() {
        return Representativeness.epsilon(data, half);
    }
}
