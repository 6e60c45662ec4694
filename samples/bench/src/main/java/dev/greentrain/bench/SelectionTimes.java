package dev.greentrain.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.XavierInitializer;
import dev.greentrain.dream.Embedder;
import dev.greentrain.reduction.ClusterCentroids;
import dev.greentrain.reduction.DistanceEntropy;
import dev.greentrain.reduction.FeatureScaling;
import dev.greentrain.reduction.LabelledFeatures;
import dev.greentrain.reduction.MatrixDecompositionRanking;
import dev.greentrain.reduction.MaxMin;
import dev.greentrain.reduction.PersistenceLandmarks;
import dev.greentrain.reduction.ProtoDash;
import dev.greentrain.reduction.ReductionFeatures;
import dev.greentrain.reduction.SelectionMethod;
import dev.greentrain.reduction.StratifiedRandom;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.model.Models;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the wall time of the static reductions' selections on the first Fashion-MNIST training
 * samples, per method and p in {0.1, 0.3, 0.5}, on two features: the raw 784-d inputs (PHL radius
 * 0.25, PRD sigma 2) and the unit-norm 64-d embedding of the small CNN at Xavier initial weights
 * (seed 1), every layer but the classifier (PHL radius 0.25, PRD sigma 0.25), the settings of the
 * comparison's {@code --reduction-features}. One selection per cell, on the calling thread, after
 * one untimed PRD and PHL selection on 2,000 samples to warm the JIT; the embedding pass itself is
 * not timed.
 *
 * <p>Run: {@code java -cp 'samples/bench/target/greentrain-bench.jar:samples/bench/target/lib/*'
 * dev.greentrain.bench.SelectionTimes [samples] [methods] [features]}, e.g. {@code 20000
 * PRD,PHL,MMS,DES,NRMD,SRS,CLC} (the defaults) and optionally {@code raw784} or {@code
 * unitEmbedding64} to time one of the two; the data directory is {@code
 * greentrain.fashionmnist.dir}, default {@code /usr/share/datasets/fashion-mnist}.
 */
public final class SelectionTimes {

    private static final double[] FRACTIONS = {0.1, 0.3, 0.5};

    private SelectionTimes() {}

    /**
     * Times the selections and prints one line per method, features and p.
     *
     * @param args the number of samples and the comma-separated methods, both optional
     * @throws IOException if the Fashion-MNIST files cannot be read
     */
    public static void main(String[] args) throws IOException {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        List<String> methods =
                List.of((args.length > 1 ? args[1] : "PRD,PHL,MMS,DES,NRMD,SRS,CLC").split(","));
        Map<String, LabelledFeatures> features = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train =
                    FashionMnist.builder()
                            .optDirectory(
                                    Path.of(
                                            System.getProperty(
                                                    "greentrain.fashionmnist.dir",
                                                    FashionMnist.DEFAULT_DIRECTORY.toString())))
                            .optLimit(samples)
                            .setSampling(512, false)
                            .build(manager);
            features.put("raw784", new ReductionFeatures(Embedder.rawInput()).read(train));
            Engine.getInstance().setRandomSeed(1);
            Block cnn = Models.smallCnn();
            cnn.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            cnn.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            features.put(
                    "unitEmbedding64",
                    new ReductionFeatures(Embedder.features(cnn), FeatureScaling.UNIT_NORM)
                            .read(train));
        }
        warmUp(features.get("unitEmbedding64"));
        System.out.printf(
                Locale.ROOT,
                "%-6s %-16s %5s %10s %8s%n",
                "method",
                "features",
                "p",
                "seconds",
                "kept");
        for (String method : methods) {
            for (Map.Entry<String, LabelledFeatures> entry : features.entrySet()) {
                if (args.length > 2 && !entry.getKey().equals(args[2])) {
                    continue;
                }
                boolean raw = entry.getKey().startsWith("raw");
                if (method.equals("PHL")) {
                    printNeighbourhoods(entry.getKey(), entry.getValue());
                }
                SelectionMethod selection = method(method, raw);
                for (double p : FRACTIONS) {
                    long start = System.nanoTime();
                    int kept = selection.select(entry.getValue(), p, 1).size();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "%-6s %-16s %5.1f %10.2f %8d%n",
                            method,
                            entry.getKey(),
                            p,
                            seconds,
                            kept);
                }
            }
        }
    }

    /** Prints how many class neighbours within PHL's radius 0.25 the samples have. */
    private static void printNeighbourhoods(String name, LabelledFeatures features) {
        int[] counts = new int[features.rows()];
        for (int c = 0; c < features.classes().count(); c++) {
            int[] members = features.classes().members(c);
            for (int i = 0; i < members.length; i++) {
                for (int j = i + 1; j < members.length; j++) {
                    if (features.distance(members[i], members[j]) <= 0.25) {
                        counts[members[i]]++;
                        counts[members[j]]++;
                    }
                }
            }
        }
        int[] sorted = counts.clone();
        java.util.Arrays.sort(sorted);
        long outliers = java.util.Arrays.stream(counts).filter(k -> k < 2).count();
        long capped = java.util.Arrays.stream(counts).filter(k -> k > 100).count();
        System.out.printf(
                Locale.ROOT,
                "PHL neighbourhoods on %s (radius 0.25): median %d, 90th percentile %d, max %d;"
                        + " %d of %d with < 2 (super outliers), %d cut to 100%n",
                name,
                sorted[sorted.length / 2],
                sorted[(int) (0.9 * (sorted.length - 1))],
                sorted[sorted.length - 1],
                outliers,
                counts.length,
                capped);
    }

    private static void warmUp(LabelledFeatures features) {
        int[] labels = new int[2000];
        float[] data = new float[2000 * features.dim()];
        System.arraycopy(features.data(), 0, data, 0, data.length);
        System.arraycopy(features.labels(), 0, labels, 0, labels.length);
        LabelledFeatures small = LabelledFeatures.of(data, features.dim(), labels);
        method("PRD", false).select(small, 0.3, 1);
        method("PHL", false).select(small, 0.3, 1);
    }

    private static SelectionMethod method(String name, boolean raw) {
        switch (name) {
            case "PRD":
                return ProtoDash.gaussian(raw ? 2 : 0.25);
            case "PHL":
                return PersistenceLandmarks.builder().optRadius(0.25).build();
            case "MMS":
                return new MaxMin();
            case "DES":
                return DistanceEntropy.authors();
            case "NRMD":
                return new MatrixDecompositionRanking();
            case "SRS":
                return new StratifiedRandom();
            case "CLC":
                return new ClusterCentroids();
            default:
                throw new IllegalArgumentException(
                        "Unknown method "
                                + name
                                + ": use PRD, PHL, MMS, DES, NRMD, SRS or CLC (FES trains a"
                                + " network and is timed by the comparison).");
        }
    }
}
