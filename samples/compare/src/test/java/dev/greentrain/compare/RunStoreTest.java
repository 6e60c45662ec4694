package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greentrain.listeners.energy.CarbonIntensity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RunStoreTest {

    @TempDir Path dir;

    @Test
    void savedRunsComeBackEqual() throws Exception {
        RunStore store = new RunStore(dir);
        RunRecord run = Runs.threeSeeds().get(1);
        assertEquals(Optional.empty(), store.find(Runs.INFOBATCH, 1, Runs.SETTINGS));
        store.save(run);
        assertEquals(Optional.of(run), store.find(Runs.INFOBATCH, 1, Runs.SETTINGS));
        try (var files = Files.list(dir.resolve("runs"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "8, 8.0, 0.002, --epochs 4 (saved) vs 8 (now)",
        "4, 65.0, 0.002, --cpu-tdp 8.0 (saved) vs 65.0 (now)",
        "4, 8.0, 0.01, --lr 0.002 (saved) vs 0.01 (now)"
    })
    void aRunMadeWithOtherSettingsIsRefusedNamingTheFlag(
            int epochs, double cpuTdp, String lr, String difference) throws Exception {
        RunStore store = new RunStore(dir);
        store.save(Runs.threeSeeds().get(0));
        ComparisonSettings other =
                new ComparisonSettings(
                        "synthetic",
                        Map.of("--lr", lr),
                        1000,
                        epochs,
                        "accuracy",
                        true,
                        "lockstep",
                        cpuTdp);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> store.find(Runs.BASELINE, 1, other));
        assertTrue(e.getMessage().contains(difference), e.getMessage());
        assertTrue(e.getMessage().contains("Use another --output-dir"), e.getMessage());
    }

    @Test
    void aRunOfAVariantWithOtherParametersIsRefusedNamingTheFlag() throws Exception {
        RunStore store = new RunStore(dir);
        store.save(Runs.threeSeeds().get(1));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(new InfoBatchVariant(0.3, 0.875), 1, Runs.SETTINGS));
        assertTrue(
                e.getMessage().contains("--prune-ratio 0.5 (saved) vs 0.3 (now)"), e.getMessage());
    }

    @Test
    void aCorruptRunFileIsNamed() throws Exception {
        RunStore store = new RunStore(dir);
        Files.writeString(store.fileOf("baseline", 1), "{ truncated");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(Runs.BASELINE, 1, Runs.SETTINGS));
        assertTrue(e.getMessage().contains("baseline-seed1.json is invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it to train that run again"), e.getMessage());
    }

    /** Damaged or hand-edited run files, each with the field its refusal must name. */
    static Stream<Arguments> invalidRunFiles() {
        return Stream.of(
                Arguments.of("{}", "variant"),
                Arguments.of("{\"variant\": \"baseline\"}", "parameters"),
                Arguments.of(without("epochs"), "field \"epochs\" is missing"),
                Arguments.of(with("epochs", "[]"), "epochs is 0 entries, expected 4 entries"),
                Arguments.of(with("variant", "\"infobatch\""), "variant is infobatch"),
                Arguments.of(with("seed", "7"), "seed is 7, expected 1"),
                Arguments.of(
                        with("energySavedEstimateJoules", "\"NaN\""),
                        "energySavedEstimateJoules is NaN"),
                Arguments.of(with("energyMethod", "null"), "field \"energyMethod\""),
                Arguments.of(with("carbon", "null"), "field \"carbon\""),
                Arguments.of(
                        epochField("trainSamples", "1000", "5000"),
                        "epochs[0].trainSamples is 5000, expected in [0, 1000]"),
                Arguments.of(epochField("metric", "0.6", "7.5"), "epochs[0].metric is 7.5"),
                Arguments.of(
                        epochField("trainJoules", "100.0", "-1.0"),
                        "epochs[0].trainJoules is -1.0"),
                Arguments.of(
                        epochField("evaluationSeconds", "0.5", "\"Infinity\""),
                        "epochs[0].evaluationSeconds is Infinity"),
                Arguments.of(RUN_JSON + "{}", "Trailing token"));
    }

    /** The run's JSON with one field of its first epoch replaced. */
    private static String epochField(String field, String value, String replacement) {
        String from = "\"" + field + "\" : " + value;
        int at = RUN_JSON.indexOf(from, RUN_JSON.indexOf("\"epochs\" : ["));
        if (at < 0) {
            throw new IllegalStateException("no " + from + " in the epochs of " + RUN_JSON);
        }
        return RUN_JSON.substring(0, at)
                + "\""
                + field
                + "\" : "
                + replacement
                + RUN_JSON.substring(at + from.length());
    }

    private static final String RUN_JSON = json(Runs.threeSeeds().get(0));

    private static String json(RunRecord run) {
        try {
            return new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String with(String field, String value) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = (ObjectNode) json.readTree(RUN_JSON);
            node.set(field, json.readTree(value));
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String field) {
        try {
            ObjectNode node = (ObjectNode) new ObjectMapper().readTree(RUN_JSON);
            node.remove(field);
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void reportedMetricsAreSavedAndARunFileFromBeforeThemStillLoads() throws Exception {
        RunStore store = new RunStore(dir);
        RunRecord plain = Runs.threeSeeds().get(0);
        List<EpochPoint> epochs = new java.util.ArrayList<>();
        for (EpochPoint p : plain.epochs()) {
            epochs.add(
                    new EpochPoint(
                            p.epoch(),
                            p.trainSamples(),
                            p.evaluationSamples(),
                            p.methodPasses(),
                            p.trainSeconds(),
                            p.evaluationSeconds(),
                            p.methodSeconds(),
                            p.trainJoules(),
                            p.evaluationJoules(),
                            p.methodJoules(),
                            p.metric(),
                            p.forecastJoules(),
                            Map.of("tail-class accuracy", 0.25 + p.epoch() / 100.0)));
        }
        RunRecord reported =
                new RunRecord(
                        plain.variant(),
                        plain.parameters(),
                        plain.seed(),
                        plain.settings(),
                        plain.energySavedEstimateJoules(),
                        plain.energyMethod(),
                        plain.energyMeasured(),
                        plain.carbon(),
                        epochs,
                        plain.measures());
        store.save(reported);
        assertEquals(Optional.of(reported), store.find(Runs.BASELINE, 1, Runs.SETTINGS));
        // a file written before reported metrics existed has no such field in its epochs
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(RUN_JSON);
        old.get("epochs").forEach(epoch -> ((ObjectNode) epoch).remove("reportedMetrics"));
        Files.writeString(store.fileOf("baseline", 1), old.toString());
        RunRecord read = store.find(Runs.BASELINE, 1, Runs.SETTINGS).orElseThrow();
        assertEquals(Map.of(), read.epochs().get(0).reportedMetrics());
        assertEquals(plain, read);
    }

    @ParameterizedTest
    @MethodSource("invalidRunFiles")
    void anInvalidRunFileIsRefusedNamingTheFileTheFieldAndTheFix(String content, String field)
            throws Exception {
        RunStore store = new RunStore(dir);
        Path file = store.fileOf("baseline", 1);
        Files.writeString(file, content);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(Runs.BASELINE, 1, Runs.SETTINGS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it to train that run again."), e.getMessage());
    }

    @Test
    void theUnchangedRunFileIsAccepted() throws Exception {
        RunStore store = new RunStore(dir);
        Files.writeString(store.fileOf("baseline", 1), RUN_JSON);
        assertEquals(
                Optional.of(Runs.threeSeeds().get(0)), store.find(Runs.BASELINE, 1, Runs.SETTINGS));
    }

    @Test
    void co2IsRecomputedFromTheStoredEnergyUnderAnotherIntensity() {
        RunRecord run = Runs.threeSeeds().get(1);
        CarbonIntensity france = CarbonIntensity.ofCountry("FR", 1.5);
        RunRecord recomputed = run.withCarbon(france);
        assertEquals(
                run.energyJoules() / 3.6e6 * 1.5 * france.gramsPerKwh(),
                recomputed.co2Grams(),
                1e-12);
        assertEquals(france, recomputed.carbon());
        assertSame(run, run.withCarbon(CarbonIntensity.worldAverage()));
    }
}
