package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.distill.DistilledSet;
import dev.greentrain.listeners.energy.EnergyKind;
import dev.greentrain.listeners.export.Scrapes;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        assertEquals(csv(run).header(), lines.get(0));
        assertTrue(lines.get(0).contains(",distill_joules_modelled,"), lines.get(0));
        List<AccuracyCsv.Row> rows = csv(run).read();
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
        List<AccuracyCsv.Row> more = csv(run).read();
        assertEquals(List.of(0, 2, 4, 6), more.stream().map(AccuracyCsv.Row::iteration).toList());
        assertEquals(rows.get(2).distillJoules(), more.get(2).distillJoules(), "kept as written");
        assertTrue(
                more.get(3).distillJoules() > more.get(2).distillJoules(),
                "the resumed run adds its iterations' energy to the checkpoint's row");

        // a run stopped after its checkpoint but before the row was written: the energy of the
        // iterations before the resume is unknown, so it is left empty, never guessed
        Path file = run.resolve("accuracy.csv");
        List<String> written = Files.readAllLines(file);
        Files.write(file, written.subList(0, written.size() - 1));
        InProcessRun third = run(tiny("--sampler", "dream", "--iterations", "8"));
        assertEquals(0, third.code(), third.err());
        List<AccuracyCsv.Row> last = csv(run).read();
        assertEquals(
                List.of(0, 2, 4, 6, 8), last.stream().map(AccuracyCsv.Row::iteration).toList());
        assertEquals(more.get(2).distillJoules(), last.get(2).distillJoules());
        assertTrue(Double.isNaN(last.get(3).distillJoules()), "row 6 redone after the resume");
        assertTrue(Double.isNaN(last.get(4).distillJoules()));
        assertTrue(Files.readAllLines(file).get(5).startsWith("8,"), "the last line is row 8");
        assertTrue(Files.readAllLines(file).get(5).split(",", -1)[2].isEmpty(), "written empty");
        assertTrue(third.out().contains("since the resume"), third.out());
    }

    private static AccuracyCsv csv(Path run) {
        return new AccuracyCsv(run.resolve("accuracy.csv"), EnergyKind.MODELLED);
    }

    @Tag("integration")
    @Test
    void exportsTheIterationsForwardPassesAndEnergyTheCsvRecords() throws Exception {
        System.setProperty("greentrain.metrics.user", "prometheus");
        System.setProperty("greentrain.metrics.password", "s3cret");
        String scrape;
        try (RunningProgram program =
                RunningProgram.start(
                        Distill::commandLine,
                        tiny(
                                "--sampler", "dream",
                                "--metrics-port", "0",
                                "--linger", "10",
                                "--run", "distill-test"))) {
            String url = program.awaitPrinted(RunningProgram.METRICS_URL);
            program.awaitPrinted(Pattern.compile("Serving the final metrics"));
            Scrapes.assertOnlyTheRightCredentialsGetIn(url, "prometheus", "s3cret");
            scrape = Scrapes.get(url, null, "prometheus:s3cret").body();
            assertEquals(0, program.exitCode());
        } finally {
            System.clearProperty("greentrain.metrics.user");
            System.clearProperty("greentrain.metrics.password");
        }

        Path run = dir.resolve("out").resolve("dream-ipc2-seed3");
        List<AccuracyCsv.Row> rows = csv(run).read();
        AccuracyCsv.Row end = rows.get(rows.size() - 1);
        assertEquals(4, end.iteration());
        String tags = "run=\"distill-test-distill-dream-ipc2-seed3\"";
        assertEquals(4, value(scrape, "greentrain_distill_iterations_total", tags));
        assertEquals(
                end.realForwards(),
                value(scrape, "greentrain_distill_forward_passes_total", "kind=\"real\"", tags));
        assertEquals(
                end.syntheticForwards(),
                value(
                        scrape,
                        "greentrain_distill_forward_passes_total",
                        "kind=\"synthetic\"",
                        tags));
        assertEquals(
                end.clusteringForwards(),
                value(
                        scrape,
                        "greentrain_distill_forward_passes_total",
                        "kind=\"clustering\"",
                        tags));
        assertTrue(value(scrape, "greentrain_energy_all_joules_total", tags) > 0, scrape);

        assertEquals(0, rows.get(0).distillJoules(), "no iteration before the first row");
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(
                    rows.get(i).distillJoules() >= rows.get(i - 1).distillJoules(),
                    "energy so far never decreases: " + rows);
        }
        assertTrue(end.distillJoules() > 0, "the iterations used energy");
        double method =
                series(scrape, "greentrain_energy_phase_joules_total", "phase=\"method\"", tags)
                        .stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
        assertTrue(
                method >= end.distillJoules() - 1e-3,
                "the exported method phase (set-up and iterations) holds the iterations' "
                        + method
                        + " J vs "
                        + end.distillJoules());
    }

    /** Returns the value of the one series of a scrape whose labels include every fragment. */
    private static double value(String scrape, String name, String... labels) {
        List<Double> values = series(scrape, name, labels);
        assertEquals(1, values.size(), name + " " + List.of(labels) + " in\n" + scrape);
        return values.get(0);
    }

    /** Returns the values of the series of a scrape whose labels include every fragment. */
    private static List<Double> series(String scrape, String name, String... labels) {
        List<Double> values = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{")
                    && Arrays.stream(labels)
                            .allMatch(line.substring(0, line.indexOf('}'))::contains)) {
                values.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return values;
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
        InProcessRun linger = run(tiny("--metrics-port", "0", "--linger", "-1"));
        assertEquals(2, linger.code());
        assertTrue(linger.err().contains("--linger -1 is invalid"), linger.err());
        assertFalse(linger.out().contains("Metrics: "), "no endpoint started: " + linger.out());
        InProcessRun tdp = run(tiny("--cpu-tdp", "0"));
        assertTrue(tdp.err().contains("--cpu-tdp 0.0 is invalid"), tdp.err());
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
