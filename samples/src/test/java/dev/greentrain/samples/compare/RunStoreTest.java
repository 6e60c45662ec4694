package dev.greentrain.samples.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aRunMadeWithOtherSettingsIsRefusedWithTheFix() throws Exception {
        RunStore store = new RunStore(dir);
        store.save(Runs.threeSeeds().get(0));
        ComparisonSettings other =
                new ComparisonSettings("cnn", 1000, 8, 100, 0.002f, 0.5, 0.875, 0.65, 64, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(new BaselineVariant(), 1, other));
        assertTrue(e.getMessage().contains("epochs=4"), e.getMessage());
        assertTrue(e.getMessage().contains("use another --output-dir"), e.getMessage());
    }

    @Test
    void aCorruptRunFileIsNamed() throws Exception {
        RunStore store = new RunStore(dir);
        Files.writeString(store.fileOf("baseline", 1), "{ truncated");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.find(new BaselineVariant(), 1, Runs.SETTINGS));
        assertTrue(e.getMessage().contains("baseline-seed1.json cannot be read"), e.getMessage());
    }

    @Test
    void anUnwritableOutputDirectoryIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RunStore(file));
        assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
    }
}
