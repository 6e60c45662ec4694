package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's TrainMnist adopting InfoBatch with one line, run as its own process with its output in
 * files (not a terminal), as a CI job or a log would see it.
 */
@Tag("integration")
class TrainFashionMnistTest {

    private static final int EPOCHS = 3;
    private static final int LIMIT = 1024;

    private static final Pattern EPOCH_LINE =
            Pattern.compile(
                    "Epoch (\\d+)/"
                            + EPOCHS
                            + ": trained ([0-9,]+) samples; train accuracy [0-9.]+, loss [0-9.]+;"
                            + " validate accuracy [0-9.]+, loss [0-9.]+");

    private static final Pattern SUMMARY =
            Pattern.compile(
                    "INFO dev\\.greentrain\\.training\\.TrainingSummary - InfoBatch trained (\\d+)"
                            + " of (\\d+) samples \\(3 epochs of "
                            + LIMIT
                            + "\\); pruning saved (\\d+) forward and backward passes .*");

    @TempDir Path dir;

    @Test
    void offATerminalItPrintsOneLinePerEpochAndTheSummaryOnceAndNothingTwice() throws Exception {
        ProgramRun run =
                ProgramRun.of(
                        dir,
                        TrainFashionMnist.class,
                        "--epochs",
                        String.valueOf(EPOCHS),
                        "--limit",
                        String.valueOf(LIMIT),
                        "--batch-size",
                        "64",
                        "--data-dir",
                        FashionMnistFiles.directory().toString(),
                        "--output-dir",
                        dir.resolve("model").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String stdout = run.stdout();
        String stderr = run.stderr();

        assertFalse(stdout.contains("\r") || stderr.contains("\r"), "no progress-bar frames");
        assertFalse(stdout.contains("%"), "no progress bar on stdout");
        List<String> lines = stdout.lines().toList();
        assertEquals(EPOCHS, lines.size(), "one line per epoch:\n" + stdout);
        long trained = 0;
        for (int i = 0; i < EPOCHS; i++) {
            Matcher line = EPOCH_LINE.matcher(lines.get(i));
            assertTrue(line.matches(), lines.get(i));
            assertEquals(i + 1, Integer.parseInt(line.group(1)));
            trained += Long.parseLong(line.group(2).replace(",", ""));
        }

        List<String> logged = stderr.lines().toList();
        assertEquals(1, logged.size(), "only the summary line is logged:\n" + stderr);
        Matcher summary = SUMMARY.matcher(logged.get(0).replaceFirst("^\\[main\\] ", ""));
        assertTrue(summary.matches(), logged.get(0));
        assertEquals(trained, Long.parseLong(summary.group(1)), "the epochs' lines add up");
        assertEquals(EPOCHS * LIMIT, Long.parseLong(summary.group(2)));
        assertTrue(Long.parseLong(summary.group(3)) > 0, "epoch 1 of 3 pruned");
        assertEquals(EPOCHS * LIMIT - trained, Long.parseLong(summary.group(3)));

        Set<String> seen = new HashSet<>();
        for (String line : (stdout + stderr).lines().toList()) {
            assertTrue(seen.add(line), "printed twice: " + line);
        }
        assertTrue(
                Files.exists(dir.resolve("model").resolve("mlp-000" + EPOCHS + ".params")),
                "DJL's model saving still works");
    }
}
