package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.distill.DistilledSet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillTest {

    @TempDir Path dir;

    private static InProcessRun run(String... args) {
        return InProcessRun.of(Distill::commandLine, args);
    }

    /** A tiny run's options; {@code extra} flag-value pairs replace or add to them. */
    private String[] tiny(String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        String[] defaults = {
            "--images-per-class", "2",
            "--iterations", "4",
            "--evaluate-every", "2",
            "--width", "4",
            "--real-batch", "8",
            "--interval", "2",
            "--eval-models", "2",
            "--eval-epochs", "2",
            "--checkpoint-every", "1",
            "--train-limit", "600",
            "--test-limit", "200",
            "--seed", "3",
            "--data-dir", FashionMnistFiles.directory().toString(),
            "--output-dir", dir.resolve("out").toString()
        };
        for (String[] pairs : new String[][] {defaults, extra}) {
            for (int i = 0; i < pairs.length; i += 2) {
                options.put(pairs[i], pairs[i + 1]);
            }
        }
        List<String> args = new ArrayList<>();
        options.forEach(
                (flag, value) -> {
                    args.add(flag);
                    args.add(value);
                });
        return args.toArray(String[]::new);
    }

    @Tag("integration")
    @Test
    void writesTheSetItsImageAndTheAccuracyCurveAndResumes() throws Exception {
        InProcessRun first = run(tiny("--sampler", "dream"));
        assertEquals(0, first.code(), first.err());
        Path run = dir.resolve("out").resolve("dream-ipc2-seed3");

        DistilledSet set = DistilledSet.load(run.resolve("distilled.ndlist"));
        assertEquals(20, set.size());
        assertEquals(9, set.labels()[19]);
        BufferedImage grid = ImageIO.read(run.resolve("distilled.png").toFile());
        assertEquals(2 + 2 * (56 + 2), grid.getWidth(), "two images per row");
        assertEquals(2 + 10 * (56 + 2), grid.getHeight(), "one row per class");
        List<String> lines = Files.readAllLines(run.resolve("accuracy.csv"));
        assertEquals(AccuracyCsv.HEADER, lines.get(0));
        List<AccuracyCsv.Row> rows = new AccuracyCsv(run.resolve("accuracy.csv")).read();
        assertEquals(List.of(0, 2, 4), rows.stream().map(AccuracyCsv.Row::iteration).toList());
        for (AccuracyCsv.Row row : rows) {
            assertEquals(2, row.accuracies().length);
            for (double accuracy : row.accuracies()) {
                assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
            }
        }
        // k-means initialisation, then re-clustering at iterations 0 and 2: 3 passes over 600
        assertEquals(3 * 600, rows.get(2).clusteringForwards(), "DREAM's embedding passes");
        assertEquals(4 * 10 * 8, rows.get(2).realForwards());
        assertTrue(first.out().contains("iteration 4/4"), first.out());

        InProcessRun again = run(tiny("--sampler", "dream", "--iterations", "6"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("resuming after iteration 4"), again.out());
        List<AccuracyCsv.Row> more = new AccuracyCsv(run.resolve("accuracy.csv")).read();
        assertEquals(List.of(0, 2, 4, 6), more.stream().map(AccuracyCsv.Row::iteration).toList());
    }

    @Tag("integration")
    @Test
    void checkpointFromOtherSettingsIsRefusedBeforeDistilling() {
        assertEquals(0, run(tiny("--iterations", "1")).code());
        InProcessRun other = run(tiny("--iterations", "1", "--width", "5"));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("comes from other settings"), other.err());
        assertTrue(other.err().contains("width=4") && other.err().contains("width=5"), other.err());
    }

    @Tag("integration")
    @Test
    void moreImagesPerClassThanAClassHasIsRefused() {
        InProcessRun r = run(tiny("--images-per-class", "70", "--train-limit", "100"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("imagesPerClass 70 is larger than class"), r.err());
        assertFalse(r.out().contains("iteration 0/"), "nothing evaluated: " + r.out());
    }

    @Test
    void badNumbersAreRefusedNamingTheFlag() {
        InProcessRun zero = run(tiny("--iterations", "0"));
        assertEquals(2, zero.code());
        assertTrue(
                zero.err().contains("--iterations 0 is invalid: it must be at least 1"),
                zero.err());
        InProcessRun none = run(tiny("--images-per-class", "0"));
        assertTrue(none.err().contains("--images-per-class 0 is invalid"), none.err());
    }

    @Test
    void unwritableOutputDirectoryIsRefused() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        InProcessRun r = run(tiny("--output-dir", blocker.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot be written"), r.err());
        assertTrue(r.err().contains(blocker.toString()), r.err());
    }
}
