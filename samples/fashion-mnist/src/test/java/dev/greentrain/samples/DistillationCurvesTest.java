package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillationCurvesTest {

    @TempDir Path dir;

    private void run(String name, String... rows) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        StringBuilder csv =
                new StringBuilder("iteration,distill_seconds,loss,accuracy_mean,accuracy_std\n");
        for (String row : rows) {
            csv.append(row).append('\n');
        }
        Files.writeString(run.resolve("accuracy.csv"), csv);
    }

    @Test
    void dreamReachesTheRandomSamplersFinalMeanWhereItsOwnMeanFirstDoes() throws IOException {
        // random: final mean (0.76 + 0.78) / 2 = 0.77; dream means 0.70, 0.765, 0.775, 0.80
        run(
                "random-ipc10-seed1",
                "0,0,NaN,0.60,0",
                "50,5,1,0.70,0",
                "100,10,1,0.75,0",
                "150,15,1,0.76,0");
        run(
                "random-ipc10-seed2",
                "0,0,NaN,0.62,0",
                "50,6,1,0.72,0",
                "100,11,1,0.74,0",
                "150,16,1,0.78,0");
        run(
                "dream-ipc10-seed1",
                "0,0,NaN,0.70,0",
                "50,9,1,0.76,0",
                "100,19,1,0.78,0",
                "150,29,1,0.80,0");
        run(
                "dream-ipc10-seed2",
                "0,0,NaN,0.70,0",
                "50,9,1,0.77,0",
                "100,19,1,0.77,0",
                "150,29,1,0.80,0");
        run("dream-ipc1-seed1", "0,0,NaN,0.99,0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OptionalInt reach =
                DistillationCurves.summarise(
                        dir, 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(OptionalInt.of(100), reach, out);
        assertTrue(out.contains("random, 2 seeds:"), out);
        assertTrue(out.contains("iteration   150  accuracy 77.00% (range 76.00..78.00)"), out);
        assertTrue(out.contains("reaches the random sampler's final 77.00% at iteration 150"), out);
        assertTrue(Files.size(dir.resolve("curves-ipc10.png")) > 1000);
    }

    @Test
    void withoutRandomRunsItSaysWhichCommandToRunFirst() throws IOException {
        run("dream-ipc10-seed1", "0,0,NaN,0.70,0");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DistillationCurves.summarise(dir, 10, System.out));
        assertTrue(
                e.getMessage().contains("--sampler random --images-per-class 10"), e.getMessage());
    }
}
