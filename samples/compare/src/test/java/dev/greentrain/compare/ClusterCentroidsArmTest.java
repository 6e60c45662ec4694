package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.loss.PerSampleLosses;
import dev.greentrain.reduction.ClusterCentroids;
import dev.greentrain.reduction.LabelledFeatures;
import dev.greentrain.reduction.Representativeness;
import dev.greentrain.reduction.Selection;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code clc} arm through the engine, on a small three-class tabular task. */
@Tag("integration")
class ClusterCentroidsArmTest {

    private static final int CLASSES = 3;
    private static final int PER_CLASS = 60;
    private static final int TRAIN = CLASSES * PER_CLASS;
    private static final int FEATURES = 8;
    private static final int BATCH = 32;
    private static final int EPOCHS = 3;
    private static final long SEED = 4;

    @TempDir Path dir;
    private NDManager manager;
    private float[] inputs;
    private int[] labels;

    @BeforeEach
    void data() {
        manager = NDManager.newBaseManager();
        Random random = new Random(17);
        inputs = new float[TRAIN * FEATURES];
        labels = new int[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            labels[i] = i % CLASSES;
            for (int j = 0; j < FEATURES; j++) {
                inputs[i * FEATURES + j] =
                        (float) random.nextGaussian() + (j == labels[i] ? 3f : 0f);
            }
        }
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ArrayDataset dataset(boolean shuffle) {
        float[] classes = new float[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            classes[i] = labels[i];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(inputs, new Shape(TRAIN, FEATURES)))
                .optLabels(manager.create(classes))
                .setSampling(BATCH, shuffle)
                .build();
    }

    private RunRecord clcRun(Variants.Settings settings) throws Exception {
        Workload workload =
                Workload.builder()
                        .setName("three-classes")
                        .setData(dataset(true), dataset(false))
                        .setBlock(
                                () ->
                                        new SequentialBlock()
                                                .add(Linear.builder().setUnits(16).build())
                                                .add(Activation::relu)
                                                .add(Linear.builder().setUnits(CLASSES).build()))
                        .setTrainingConfig(
                                schedules ->
                                        new DefaultTrainingConfig(
                                                        PerSampleLosses.gcSafe(
                                                                Loss.softmaxCrossEntropyLoss()))
                                                .optOptimizer(
                                                        Optimizer.adam()
                                                                .optLearningRateTracker(
                                                                        schedules.align(
                                                                                Tracker.fixed(
                                                                                        0.01f)))
                                                                .build()))
                        .setEpochs(EPOCHS)
                        .setInputShapes(new Shape(BATCH, FEATURES))
                        .optMetric(DecidingMetric.loss())
                        .build();
        ComparisonResult result =
                Comparison.builder()
                        .setWorkload(workload)
                        .addVariants(
                                Variants.resolve(List.of("random-budget", "clc"), settings)
                                        .toArray(Variant[]::new))
                        .optSeeds(SEED)
                        .optOutputDirectory(dir)
                        .optProgress(new PrintStream(OutputStream.nullOutputStream()))
                        .build()
                        .run();
        assertTrue(
                result.report().peerVerdicts().stream()
                        .anyMatch(
                                v ->
                                        v.variant().name().equals("clc")
                                                && v.reference().name().equals("random-budget")),
                "clc is compared with its peer at the same fraction");
        return result.runs().stream()
                .filter(r -> r.variant().equals("clc"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyEpochTrainsTheSyntheticSetAndTheRunRecordsItsEpsilon() throws Exception {
        RunRecord run = clcRun(new Variants.Settings(0.5, 0.875, 0.3, 1, 1));
        LabelledFeatures raw = LabelledFeatures.of(inputs, FEATURES, labels);
        Selection points = new ClusterCentroids().select(raw, 0.3, SEED);
        int synthetic = points.size();
        assertTrue(synthetic <= 3 * 18 && synthetic > CLASSES, "about p N points: " + synthetic);
        assertEquals(EPOCHS, run.epochs().size());
        for (EpochPoint point : run.epochs()) {
            assertEquals(synthetic, point.trainSamples(), point.toString());
            assertEquals(0, point.methodPasses(), "raw inputs: no forward pass");
        }
        assertTrue(run.epochs().get(0).methodSeconds() > 0, "the selection is the method phase");
        assertEquals(Representativeness.epsilon(raw, points), run.measures().get("epsilon"));
        assertEquals((long) (TRAIN - synthetic) * EPOCHS, run.forwardPassesSaved());
    }

    @Test
    void onTheEmbeddingTheMethodPhaseCountsOneForwardPassPerSample() throws Exception {
        RunRecord run =
                clcRun(
                        new Variants.Settings(
                                0.5,
                                0.875,
                                0.3,
                                1,
                                1,
                                KeptCount.STOCHASTIC,
                                SelectionFeatures.EMBEDDING));
        long synthetic = run.epochs().get(0).trainSamples();
        assertTrue(synthetic <= 3 * 18 && synthetic > 0, "about p N points: " + synthetic);
        assertEquals(TRAIN, run.epochs().get(0).methodPasses(), "the embedding pass, once");
        for (EpochPoint point : run.epochs().subList(1, EPOCHS)) {
            assertEquals(synthetic, point.trainSamples(), point.toString());
            assertEquals(0, point.methodPasses(), point.toString());
        }
        double epsilon = run.measures().get("epsilon");
        assertTrue(epsilon > 0 && epsilon <= 2, "on unit-norm rows: " + epsilon);
        assertEquals(TRAIN * EPOCHS - synthetic * EPOCHS - TRAIN, run.forwardPassesSaved());
        assertEquals((synthetic * EPOCHS + TRAIN) / (double) (TRAIN * EPOCHS), run.budgetUsed());
    }
}
