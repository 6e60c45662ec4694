package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.PrunedDataset;
import dev.greentrain.pruning.PruningPolicy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code clc} arm: CLC's synthetic points as the arm's training set. */
class ClusterCentroidsVariantTest {

    private static final Variants.Settings RAW = new Variants.Settings(0.5, 0.875, 0.5, 1, 1);
    private static final Variants.Settings EMBEDDING =
            new Variants.Settings(
                    0.5, 0.875, 0.3, 1, 1, KeptCount.STOCHASTIC, SelectionFeatures.EMBEDDING);

    @TempDir Path dir;

    @Test
    void theCommandLineBuildsClcWithTheBudgetAsPAndTheFeatures() {
        Variant raw = Variants.resolve(List.of("clc"), RAW).get(0);
        assertEquals("CLC (static)", raw.label());
        assertEquals(Map.of("--budget", "0.5"), raw.parameters());
        assertEquals(OptionalDouble.of(0.5), raw.budget());
        assertEquals("random-budget", raw.peerComparisons().get(0).reference().name());
        assertTrue(raw.description().contains("synthetic points"), raw.description());
        assertTrue(raw.description().contains("from the raw inputs"), raw.description());
        Variant embedded = Variants.all(EMBEDDING).get("clc");
        assertEquals(
                Map.of("--budget", "0.3", "--reduction-features", "embedding"),
                embedded.parameters());
        assertTrue(embedded.description().contains("unit-norm embedding"), embedded.description());
    }

    /**
     * Two classes of 4 points in two tight pairs each: at p = 0.5, k = 2 per class and k-means
     * finds the pairs, whose means are the synthetic samples.
     */
    private static final float[] PAIRS = {
        0, 0, 0, 2, 10, 10, 10, 12, // class 0: pairs around (0, 1) and (10, 11)
        50, 0, 52, 0, 80, 4, 82, 4 // class 1: pairs around (51, 0) and (81, 4)
    };

    private static ArrayDataset pairs(NDManager manager) {
        return new ArrayDataset.Builder()
                .setData(manager.create(PAIRS, new Shape(8, 2)))
                .optLabels(manager.create(new float[] {0, 0, 0, 0, 1, 1, 1, 1}))
                .setSampling(3, true)
                .build();
    }

    @Test
    void theArmTrainsTheMembersMeansWithTheirLabelInsteadOfTheTrainingSet() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("clc")) {
            ArrayDataset train = pairs(manager);
            Variant clc = Variants.resolve(List.of("clc"), RAW).get(0);
            ArmContext context = new ArmContext(train, 3, 5, model, v -> null);
            PruningPolicy policy = clc.policy(context).orElseThrow();
            RandomAccessDataset trained = context.trainedSet();
            assertEquals(8, trained.size(), "the original until the method phase");
            assertEquals(8, policy.getDatasetSize(), "built for the original's size");
            assertEquals(Map.of(), clc.measures(policy));

            EpochPlan first = policy.nextEpoch();
            assertEquals(4, first.size());
            assertEquals(8, first.getStats().datasetSize());
            assertEquals(4, trained.size(), "the synthetic set replaced it");
            assertEquals(3, PrunedDataset.batchSizeOf(trained), "the original's batches");
            Set<String> samples = new TreeSet<>();
            try (NDManager reading = manager.newSubManager()) {
                for (int i = 0; i < 4; i++) {
                    Record record = trained.get(reading, i);
                    assertEquals(DataType.FLOAT32, record.getData().head().getDataType());
                    samples.add(
                            Arrays.toString(record.getData().head().toFloatArray())
                                    + " label "
                                    + record.getLabels().head().getFloat());
                }
            }
            assertEquals(
                    new TreeSet<>(
                            List.of(
                                    "[0.0, 1.0] label 0.0",
                                    "[10.0, 11.0] label 0.0",
                                    "[51.0, 0.0] label 1.0",
                                    "[81.0, 4.0] label 1.0")),
                    samples);
            EpochPlan sorted = first.inIndexOrder();
            int[] order = new int[sorted.size()];
            Arrays.setAll(order, sorted::indexAt);
            assertArrayEquals(new int[] {0, 1, 2, 3}, order, "every synthetic sample, once");
            // every point is 1 from its pair's mean in L-infinity
            assertEquals(Map.of("epsilon", 1.0), clc.measures(policy));
            assertEquals(4, policy.nextEpoch().size(), "the same set every epoch");
            assertEquals(0, policy.getSamplerForwardPasses(), "raw inputs: no forward pass");
        }
    }

    @Test
    void aClassTooSmallForOnePointIsRefusedBeforeAnyArmTrains() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(manager.create(PAIRS, new Shape(8, 2)))
                            .optLabels(manager.create(new float[] {0, 0, 0, 0, 0, 1, 1, 1}))
                            .setSampling(4, true)
                            .build();
            Variants.Settings third = new Variants.Settings(0.5, 0.875, 0.3, 1, 1);
            Comparison comparison =
                    Comparison.builder()
                            .setWorkload(Tabular.workload(train, train, 1))
                            .addVariants(
                                    Variants.resolve(List.of("clc"), third).toArray(Variant[]::new))
                            .optSeeds(1)
                            .optOutputDirectory(dir)
                            .optProgress(new PrintStream(OutputStream.nullOutputStream()))
                            .build();
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, comparison::run);
            assertTrue(e.getMessage().contains("clc cannot run at --budget=0.3"), e.getMessage());
            assertTrue(e.getMessage().contains("class 1 has only 3 samples"), e.getMessage());
            assertTrue(e.getMessage().contains("use p >= 0.333"), e.getMessage());
            try (var saved = Files.list(dir.resolve("runs"))) {
                assertEquals(0, saved.count(), "nothing trained or saved");
            }
        }
    }

    @Test
    void aSavedClcRunIsReusedOnlyAtTheSameBudgetAndFeatures() throws Exception {
        Variant clc = Variants.all(RAW).get("clc");
        long[] samples = {300, 300, 300, 300};
        double[] accuracy = {0.5, 0.6, 0.7, 0.7};
        RunStore store = new RunStore(dir);
        store.save(Runs.run(clc, 1, samples, accuracy));
        assertTrue(store.find(clc, 1, Runs.SETTINGS).isPresent());
        Variant otherBudget = Variants.all(new Variants.Settings(0.5, 0.875, 0.3, 1, 1)).get("clc");
        IllegalArgumentException budget =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(otherBudget, 1, Runs.SETTINGS));
        assertTrue(
                budget.getMessage().contains("--budget 0.5 (saved) vs 0.3 (now)"),
                budget.getMessage());
        IllegalArgumentException features =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(Variants.all(EMBEDDING).get("clc"), 1, Runs.SETTINGS));
        assertTrue(
                features.getMessage().contains("--reduction-features null (saved) vs embedding"),
                features.getMessage());
    }
}
