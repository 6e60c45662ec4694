package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.reduction.ForgettingEvents;
import dev.greentrain.reduction.LabelledFeatures;
import dev.greentrain.reduction.Representativeness;
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
            float[] x = new float[40];
            float[] y = new float[20];
            int[] labels = new int[20];
            for (int i = 0; i < 20; i++) {
                x[2 * i] = i;
                x[2 * i + 1] = (i * 7) % 5;
                labels[i] = i % 2;
                y[i] = labels[i];
            }
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(manager.create(x, new Shape(20, 2)))
                            .optLabels(manager.create(y))
                            .setSampling(4, true)
                            .build();
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
