package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.reduction.ForgettingEvents;
import dev.greentrain.reduction.LabelledFeatures;
import dev.greentrain.reduction.MaxMin;
import dev.greentrain.reduction.Representativeness;
import dev.greentrain.reduction.Selection;
import dev.greentrain.reduction.StaticReduction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticReductionVariantTest {

    private static final Variants.Settings SETTINGS = new Variants.Settings(0.5, 0.875, 0.3, 1, 1);

    @TempDir Path dir;

    @Test
    void theCommandLineNamesTheStaticReductionsWithTheBudgetAsP() {
        List<Variant> variants =
                Variants.resolve(
                        List.of("srs", "mms", "des", "nrmd", "prd", "phl", "fes"), SETTINGS);
        assertEquals(7, variants.size());
        for (Variant variant : variants) {
            assertEquals(Map.of("--budget", "0.3"), variant.parameters(), variant.name());
            assertEquals("random-budget", variant.peerComparisons().get(0).reference().name());
        }
        assertEquals(OptionalDouble.of(0.3), variants.get(0).budget());
        assertEquals(OptionalDouble.empty(), variants.get(6).budget()); // FES: depends on epochs
    }

    @Test
    void aStaticArmSelectsOnceAndRecordsEpsilon() {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("unused")) {
            float[] x = twoClassInputs();
            int[] labels = twoClassLabels();
            ArrayDataset train = twoClasses(manager);
            Variant srs = Variants.resolve(List.of("srs"), SETTINGS).get(0);
            PruningPolicy policy =
                    srs.policy(new ArmContext(train, 3, 11, model, v -> null)).orElseThrow();
            assertEquals(Map.of(), srs.measures(policy)); // nothing selected yet
            assertEquals(6, policy.nextEpoch().size()); // floor(0.3 * 10) per class
            double expected =
                    Representativeness.epsilon(
                            LabelledFeatures.of(x, 2, labels),
                            ((StaticReduction) policy).getSelection());
            assertEquals(Map.of("epsilon", expected), srs.measures(policy));
        }
    }

    /** Two classes of 10 samples: sample i is (i, 7i mod 5) with label i mod 2. */
    private static float[] twoClassInputs() {
        float[] x = new float[40];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = (i * 7) % 5;
        }
        return x;
    }

    private static int[] twoClassLabels() {
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i % 2;
        }
        return labels;
    }

    private static ArrayDataset twoClasses(NDManager manager) {
        return new ArrayDataset.Builder()
                .setData(manager.create(twoClassInputs(), new Shape(20, 2)))
                .optLabels(manager.create(twoClassLabels()).toType(DataType.FLOAT32, false))
                .setSampling(4, true)
                .build();
    }

    private static final Variants.Settings EMBEDDING =
            new Variants.Settings(
                    0.5, 0.875, 0.3, 1, 1, KeptCount.STOCHASTIC, SelectionFeatures.EMBEDDING);

    @Test
    void anEmbeddingArmSelectsAndMeasuresEpsilonOnTheNetworksUnitNormFeatures() {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("embedding")) {
            float[] x = twoClassInputs();
            int[] labels = twoClassLabels();
            ArrayDataset train = twoClasses(manager);
            SequentialBlock network =
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(3).build())
                            .add(Linear.builder().setUnits(2).build());
            model.setBlock(network);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            // what the arm must select from: the first layer's output, each row at unit norm
            float[] hidden =
                    network.getChildren()
                            .get(0)
                            .getValue()
                            .forward(
                                    new ParameterStore(manager, false),
                                    new NDList(manager.create(x, new Shape(20, 2))),
                                    false)
                            .head()
                            .toFloatArray();
            for (int i = 0; i < 20; i++) {
                double norm = 0;
                for (int j = 0; j < 3; j++) {
                    norm += (double) hidden[3 * i + j] * hidden[3 * i + j];
                }
                for (int j = 0; j < 3; j++) { // sample 0 is (0, 0): a zero row stays zero
                    hidden[3 * i + j] =
                            norm > 0 ? (float) (hidden[3 * i + j] / Math.sqrt(norm)) : 0f;
                }
            }
            LabelledFeatures embedded = LabelledFeatures.of(hidden, 3, labels);

            Variant mms = Variants.resolve(List.of("mms"), EMBEDDING).get(0);
            PruningPolicy policy =
                    mms.policy(new ArmContext(train, 3, 11, model, v -> null)).orElseThrow();
            policy.nextEpoch();
            policy.nextEpoch();
            assertEquals(20, policy.getSamplerForwardPasses()); // one pass per sample, once
            Selection selection = ((StaticReduction) policy).getSelection();
            assertArrayEquals(
                    sorted(new MaxMin().select(embedded, 0.3, 11).indices()),
                    sorted(selection.indices()));
            double epsilon = mms.measures(policy).get("epsilon");
            assertEquals(Representativeness.epsilon(embedded, selection), epsilon, 1e-6);
            assertTrue(epsilon <= 2, "unit-norm rows are at most 2 apart: " + epsilon);
            double raw = Representativeness.epsilon(LabelledFeatures.of(x, 2, labels), selection);
            assertNotEquals(raw, epsilon, 1e-3, "epsilon on raw inputs");

            Variant rawMms = Variants.resolve(List.of("mms"), SETTINGS).get(0);
            PruningPolicy rawPolicy =
                    rawMms.policy(new ArmContext(train, 3, 11, model, v -> null)).orElseThrow();
            rawPolicy.nextEpoch();
            assertEquals(0, rawPolicy.getSamplerForwardPasses());
        }
    }

    private static int[] sorted(int[] indices) {
        int[] copy = indices.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }

    @Test
    void theFeaturesAreASettingOfTheStaticArmsAndTheirReport() {
        Map<String, Variant> raw = Variants.all(SETTINGS);
        Map<String, Variant> embedding = Variants.all(EMBEDDING);
        for (String name : List.of("srs", "mms", "des", "nrmd", "prd", "phl")) {
            assertEquals(Map.of("--budget", "0.3"), raw.get(name).parameters(), name);
            assertEquals(
                    Map.of("--budget", "0.3", "--reduction-features", "embedding"),
                    embedding.get(name).parameters(),
                    name);
            assertTrue(raw.get(name).description().contains("from the raw inputs"), name);
            assertTrue(
                    embedding
                            .get(name)
                            .description()
                            .contains("from the unit-norm embedding of the network at its initial"),
                    name);
        }
        assertTrue(raw.get("prd").description().contains("sigma 2)"));
        assertTrue(embedding.get("prd").description().contains("sigma 0.25)"));
        assertTrue(embedding.get("phl").description().contains("radius 0.25, H1"));
        assertEquals(Map.of("--budget", "0.3"), embedding.get("fes").parameters());
    }

    @Test
    void aSavedRunIsNotReusedWithOtherReductionFeatures() throws Exception {
        Variant raw = Variants.all(SETTINGS).get("srs");
        Variant embedding = Variants.all(EMBEDDING).get("srs");
        long[] samples = {300, 300, 300, 300};
        double[] accuracy = {0.5, 0.6, 0.7, 0.7};
        RunStore rawStore = new RunStore(dir.resolve("raw"));
        rawStore.save(Runs.run(raw, 1, samples, accuracy));
        assertTrue(rawStore.find(raw, 1, Runs.SETTINGS).isPresent());
        IllegalArgumentException notEmbedded =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> rawStore.find(embedding, 1, Runs.SETTINGS));
        assertTrue(
                notEmbedded
                        .getMessage()
                        .contains("--reduction-features null (saved) vs embedding (now)"),
                notEmbedded.getMessage());
        RunStore embeddingStore = new RunStore(dir.resolve("embedding"));
        embeddingStore.save(Runs.run(embedding, 1, samples, accuracy));
        assertTrue(embeddingStore.find(embedding, 1, Runs.SETTINGS).isPresent());
        IllegalArgumentException notRaw =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> embeddingStore.find(raw, 1, Runs.SETTINGS));
        assertTrue(
                notRaw.getMessage()
                        .contains("--reduction-features embedding (saved) vs null (now)"),
                notRaw.getMessage());
    }

    @Test
    void fesScoresOverAThirdOfTheEpochs() {
        assertEquals(1, ForgettingEventsVariant.scoringEpochs(1));
        assertEquals(1, ForgettingEventsVariant.scoringEpochs(4));
        assertEquals(3, ForgettingEventsVariant.scoringEpochs(8));
        assertEquals(50, ForgettingEventsVariant.scoringEpochs(150));
        assertTrue(ForgettingEvents.class.isInstance(fesPolicy()));
    }

    private PruningPolicy fesPolicy() {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("m")) {
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(manager.zeros(new Shape(4, 2)))
                            .optLabels(manager.zeros(new Shape(4)))
                            .setSampling(2, true)
                            .build();
            model.setBlock(ai.djl.nn.Blocks.identityBlock());
            return Variants.resolve(List.of("fes"), SETTINGS)
                    .get(0)
                    .policy(new ArmContext(train, 3, 1, model, v -> null))
                    .orElseThrow();
        }
    }

    @Test
    void aRunsMeasuresAreSavedAndAFileWithoutThemIsRefusedLikeAnyMissingField() throws Exception {
        RunStore store = new RunStore(dir);
        RunRecord base = Runs.threeSeeds().get(0);
        RunRecord run = withEpsilon(base, 0.25);
        store.save(run);
        assertEquals(run, store.find(Runs.BASELINE, base.seed(), Runs.SETTINGS).orElseThrow());
        Path file = store.fileOf(base.variant(), base.seed());
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        ObjectNode old = (ObjectNode) json.readTree(file.toFile());
        old.remove("measures");
        Files.writeString(file, json.writeValueAsString(old));
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(Runs.BASELINE, base.seed(), Runs.SETTINGS));
        assertTrue(e.getMessage().contains("field \"measures\" is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it to train that run again"), e.getMessage());
    }

    @Test
    void theResultsTableHasTheEpsilonOfAStaticRun() throws Exception {
        RunRecord base = Runs.threeSeeds().get(0);
        RunRecord measured = withEpsilon(base, 0.25);
        ResultFiles.write(
                dir,
                new MachineInfo(
                        "cpu",
                        2,
                        "unset",
                        "PASSIVE",
                        "engine default",
                        "java",
                        "djl",
                        "PyTorch",
                        "Linux",
                        "glibc malloc defaults"),
                List.of(measured, Runs.threeSeeds().get(1)),
                List.of());
        List<String> rows = Files.readAllLines(dir.resolve("results.csv"));
        assertTrue(rows.get(0).endsWith(",energy_saved_joules_estimate,epsilon"), rows.get(0));
        assertTrue(rows.get(1).endsWith(",0.25"), rows.get(1));
        assertTrue(rows.get(2).endsWith(","), rows.get(2));
    }

    private static RunRecord withEpsilon(RunRecord base, double epsilon) {
        return new RunRecord(
                base.variant(),
                base.parameters(),
                base.seed(),
                base.settings(),
                base.energySavedEstimateJoules(),
                base.energyMethod(),
                base.energyMeasured(),
                base.carbon(),
                base.epochs(),
                Map.of("epsilon", epsilon));
    }
}
