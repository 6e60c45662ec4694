package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's console output when it is not a terminal (a log file, CI): one line per epoch per
 * arm, no progress-bar frames, no library line printed twice.
 */
@Tag("integration")
class MainJobOutputTest {

    private static final Pattern EPOCH_LINE =
            Pattern.compile("  seed 42, epoch [01], (baseline|infobatch): +trained .*");

    @TempDir Path dir;

    @Test
    void offATerminalTheMainJobPrintsOneLinePerEpochPerArmAndNothingTwice() throws Exception {
        ProgramRun run =
                ProgramRun.of(
                        dir,
                        FashionMnistComparison.class,
                        "--epochs",
                        "2",
                        "--train-limit",
                        "512",
                        "--batch-size",
                        "64",
                        "--variants",
                        "baseline,infobatch",
                        "--data-dir",
                        FashionMnistFiles.directory().toString(),
                        "--output-dir",
                        dir.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String all = run.stdout() + run.stderr();
        assertFalse(all.contains("\r"), "no progress-bar frames");
        assertFalse(all.contains("% |"), "no progress bar");
        List<String> epochLines =
                run.stdout().lines().filter(l -> l.startsWith("  seed ")).toList();
        assertEquals(4, epochLines.size(), "2 epochs x 2 arms:\n" + run.stdout());
        for (String line : epochLines) {
            assertTrue(EPOCH_LINE.matcher(line).matches(), line);
        }
        assertTrue(run.stdout().lines().count() < 12, "a short log:\n" + run.stdout());
        Set<String> library = new HashSet<>();
        for (String line : run.stderr().lines().toList()) {
            if (!line.contains("dev.greentrain") && line.startsWith("[")) {
                assertTrue(library.add(line), "printed twice: " + line);
            }
        }
        assertFalse(all.contains("CUDA"), "no CUDA warning on a CPU machine");
    }
}
