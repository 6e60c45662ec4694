package dev.greentrain.samples.compare;

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
        assertEquals(Optional.empty(), store.find(new InfoBatchVariant(), 1, Runs.SETTINGS));
        store.save(run);
        assertEquals(Optional.of(run), store.find(new InfoBatchVariant(), 1, Runs.SETTINGS));
        try (var files = Files.list(dir.resolve("runs"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "8, 8.0, --epochs 4 (saved) vs 8 (now)",
        "4, 65.0, --cpu-tdp 8.0 (saved) vs 65.0 (now)"
    })
    void aRunMadeWithOtherSettingsIsRefusedNamingTheFlag(
            int epochs, double cpuTdp, String difference) throws Exception {
        RunStore store = new RunStore(dir);
        store.save(Runs.threeSeeds().get(0));
        ComparisonSettings other =
                new ComparisonSettings(
                        "cnn", 1000, epochs, 100, 0.002f, 0.5, 0.875, 0.65, 64, 1, cpuTdp);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(new BaselineVariant(), 1, other));
        assertTrue(e.getMessage().contains(difference), e.getMessage());
        assertTrue(e.getMessage().contains("Use another --output-dir"), e.getMessage());
    }

    @Test
    void aCorruptRunFileIsNamed() throws Exception {
        RunStore store = new RunStore(dir);
        Files.writeString(store.fileOf("baseline", 1), "{ truncated");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(new BaselineVariant(), 1, Runs.SETTINGS));
        assertTrue(e.getMessage().contains("baseline-seed1.json is invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it to train that run again"), e.getMessage());
    }

    /** Damaged or hand-edited run files, each with the field its refusal must name. */
    static Stream<Arguments> invalidRunFiles() {
        return Stream.of(
                Arguments.of("{}", "variant"),
                Arguments.of("{\"variant\": \"baseline\"}", "seed"),
                Arguments.of(without("epochs"), "field \"epochs\" is missing"),
                Arguments.of(with("epochs", "[]"), "epochs is 0 entries, expected 4 entries"),
                Arguments.of(with("variant", "\"infobatch\""), "variant is infobatch"),
                Arguments.of(with("seed", "7"), "seed is 7, expected 1"),
                Arguments.of(with("testAccuracy", "7.5"), "testAccuracy is 7.5"),
                Arguments.of(with("samplesForwarded", "999999"), "samplesForwarded is 999999"),
                Arguments.of(with("fullDataSamples", "10"), "fullDataSamples is 10, expected 4000"),
                Arguments.of(with("energyJoules", "-1.0"), "energyJoules is -1.0"),
                Arguments.of(with("energyMethod", "null"), "field \"energyMethod\""),
                Arguments.of(
                        RUN_JSON.replaceFirst("\"samples\" : 1000", "\"samples\" : 5000"),
                        "epochs[0].samples is 5000, expected in [0, 1000]"),
                Arguments.of(
                        RUN_JSON.replaceFirst("\"testAccuracy\" : 0.6", "\"testAccuracy\" : 60"),
                        "epochs[0].testAccuracy is 60.0"),
                Arguments.of(RUN_JSON + "{}", "Trailing token"));
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
                        () -> store.find(new BaselineVariant(), 1, Runs.SETTINGS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it to train that run again."), e.getMessage());
    }

    @Test
    void theUnchangedRunFileIsAccepted() throws Exception {
        RunStore store = new RunStore(dir);
        Files.writeString(store.fileOf("baseline", 1), RUN_JSON);
        assertEquals(
                Optional.of(Runs.threeSeeds().get(0)),
                store.find(new BaselineVariant(), 1, Runs.SETTINGS));
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
        assertEquals(
                run.energySavedJoules() / 3.6e6 * 1.5 * france.gramsPerKwh(),
                recomputed.co2SavedGrams(),
                1e-12);
        assertEquals(france, recomputed.carbon());
        assertSame(run, run.withCarbon(CarbonIntensity.worldAverage()));
    }

    @Test
    void anUnwritableOutputDirectoryIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RunStore(file));
        assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
    }
}
