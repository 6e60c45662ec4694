package dev.greentrain.compare;

import static dev.greentrain.loss.PerSampleLosses.gcSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's user A/B test, compiled and run exactly as printed there, on a workload that is not
 * Fashion-MNIST: a small tabular regression decided by the validation loss.
 */
class ReadmeAbExampleTest {

    private static final String START = "// --- README A/B example starts here ---";
    private static final String END = "// --- README A/B example ends here ---";

    @TempDir Path dir;

    @Tag("integration")
    @Test
    void theReadmeLinesAbTestATabularRegressionByItsLoss() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ComparisonResult result;
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = Tabular.regression(manager, 2048, 7, true);
            ArrayDataset validation = Tabular.regression(manager, 512, 8, false);
            Path output = dir.resolve("ab-results");
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                // --- README A/B example starts here ---
                Workload workload =
                        Workload.builder()
                                .setName("tabular-regression")
                                .setData(train, validation)
                                .setBlock(
                                        () ->
                                                new SequentialBlock()
                                                        .add(Linear.builder().setUnits(32).build())
                                                        .add(Activation::relu)
                                                        .add(Linear.builder().setUnits(1).build()))
                                .setTrainingConfig(
                                        schedules ->
                                                new DefaultTrainingConfig(gcSafe(Loss.l2Loss()))
                                                        .optOptimizer(
                                                                Optimizer.adam()
                                                                        .optLearningRateTracker(
                                                                                schedules.align(
                                                                                        Tracker
                                                                                                .fixed(
                                                                                                        0.01f)))
                                                                        .build()))
                                .setEpochs(6)
                                .setInputShapes(new Shape(32, 8))
                                .optMetric(DecidingMetric.loss())
                                .build();
                ComparisonResult ab =
                        Comparison.builder()
                                .setWorkload(workload)
                                .addVariants(new BaselineVariant(), new InfoBatchVariant())
                                .optSeeds(1, 2, 3)
                                .optOutputDirectory(output)
                                .build()
                                .run();
                ab.recommendations().forEach(System.out::println);
                // --- README A/B example ends here ---
                result = ab;
            } finally {
                System.setOut(original);
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertEquals(6, result.runs().size(), "2 arms x 3 seeds");
        Verdict verdict = result.report().verdicts().get(0);
        assertEquals("infobatch", verdict.variant().name());
        assertEquals("%", verdict.metric().differenceUnit(), "a loss is judged relative");
        assertEquals(3, verdict.seeds());
        assertTrue(verdict.forwardPassesSaved().mean() > 0.1, "InfoBatch pruned: " + verdict);
        assertTrue(out.contains(verdict.recommendation()), out);
        assertTrue(Files.size(result.html()) > 0);
        for (RunRecord run : result.runs()) {
            assertEquals(6, run.epochs().size());
            assertTrue(run.finalMetric() < run.epochs().get(0).metric(), "the loss fell: " + run);
            assertEquals(512 * 6, run.evaluationSamples());
        }
    }

    @Test
    void theReadmeShowsExactlyTheseLines() throws Exception {
        List<String> test =
                block(
                        Files.readAllLines(
                                Path.of(
                                        "src/test/java/dev/greentrain/compare/"
                                                + "ReadmeAbExampleTest.java")));
        List<String> readme = block(Files.readAllLines(Path.of("../../README.md")));
        assertEquals(
                tokens(test), tokens(readme), "the README's A/B example and this test's differ");
        assertTrue(readme.size() <= 20, "at most 20 lines of Java: " + readme.size());
    }

    /** The code of some lines with comments and all white space removed. */
    private static String tokens(List<String> lines) {
        return lines.stream()
                .map(l -> l.contains("//") ? l.substring(0, l.indexOf("//")) : l)
                .collect(Collectors.joining())
                .replaceAll("\\s+", "");
    }

    /** The non-empty lines between the markers. */
    private static List<String> block(List<String> lines) {
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(START) && start < 0) {
                start = i;
            } else if (lines.get(i).trim().equals(END) && start >= 0) {
                end = i;
                break;
            }
        }
        if (start < 0 || end < 0) {
            throw new AssertionError("no lines between " + START + " and " + END);
        }
        return lines.subList(start + 1, end).stream()
                .filter(l -> !l.isBlank())
                .collect(Collectors.toList());
    }
}
