package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.CpuModelEnergySource;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.data.LongTail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FashionMnistComparisonTest {

    @TempDir Path dir;

    private static InProcessRun run(String... args) {
        return InProcessRun.of(FashionMnistComparison::commandLine, args);
    }

    private String[] small(String... extra) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "--epochs", "3",
                                "--train-limit", "512",
                                "--batch-size", "64",
                                "--output-dir", dir.resolve("out").toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--data-dir")) {
            args.addAll(List.of("--data-dir", FashionMnistFiles.directory().toString()));
        }
        return args.toArray(String[]::new);
    }

    private void assertRefusedBeforeTraining(InProcessRun r, String message) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.out().contains("training"), "no run started: " + r.out());
    }

    @Test
    void theCommittedHelpIsTheProgramsHelpWithReadableNames() throws Exception {
        String help =
                FashionMnistComparison.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertEquals(
                Files.readString(Path.of("../../docs/compare-help.txt")),
                help,
                "docs/compare-help.txt, printed at once by scripts/compare.sh --help, is stale:"
                        + " write the program's usage message into it");
        assertFalse(help.contains("seedTexts") || help.contains("<network>"), help);
        assertTrue(help.contains("--model=cnn|mlp"), help);
        assertTrue(help.contains("(default: cnn)"), help);
        for (String group :
                List.of("Comparison:", "Workload (Fashion-MNIST):", "Energy and CO2:")) {
            assertTrue(help.contains(group), group);
        }
        InProcessRun version = run("-V");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("GreenTrain "), version.out());
        // the script answers both at once, without installing or building anything
        assertEquals(help, script("--help"));
        assertEquals(version.out(), script("-V"));
    }

    private static String script(String argument) throws Exception {
        Process process =
                new ProcessBuilder("bash", "../../scripts/compare.sh", argument)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "at once");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void badInputIsRefusedBeforeAnyTraining() throws Exception {
        assertRefusedBeforeTraining(
                run(small("--variants", "baseline,fancy")),
                "Unknown variant \"fancy\": expected one of baseline, baseline-copy, infobatch");
        assertRefusedBeforeTraining(
                run(small("--seeds", "")), "--seeds is empty: give at least one seed");
        assertRefusedBeforeTraining(
                run(small("--seeds", "1,x")), "--seeds value \"x\" is not a whole number");
        assertRefusedBeforeTraining(run(small("--seeds", "3,3")), "Seed 3 is listed twice");
        assertRefusedBeforeTraining(
                run(small("--variants", "baseline,random")),
                "\"random\" needs the infobatch arm of the same seed: add infobatch");
        assertRefusedBeforeTraining(
                run(small("--data-dir", dir.resolve("nowhere").toString())),
                "apt-get install dataset-fashion-mnist");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertRefusedBeforeTraining(
                run("--epochs", "3", "--output-dir", file.resolve("sub").toString()),
                "is not writable");
        assertRefusedBeforeTraining(
                run(small("--prune-ratio", "0.95")), "--prune-ratio 0.95 is invalid");
        assertRefusedBeforeTraining(run("--batch-size", "0"), "--batch-size 0 is invalid");
        assertRefusedBeforeTraining(run(small("--country", "XX")), "Country code \"XX\"");
    }

    @Test
    void harderWorkloadOptionsAreRefusedBeforeAnyTraining() {
        assertRefusedBeforeTraining(
                run(small("--label-noise", "1")),
                "--label-noise 1.0 is invalid: it must be in [0, 1)");
        assertRefusedBeforeTraining(
                run(small("--long-tail", "0.5")),
                "--long-tail 0.5 is invalid: it must be a finite imbalance factor of at least 1");
        assertRefusedBeforeTraining(
                run(small("--kept-count", "ceil")), "Invalid value for option '--kept-count'");
    }

    @Test
    void aReductionFeaturesValueOtherThanRawOrEmbeddingIsRefused() {
        InProcessRun pixels = run(small("--variants", "srs", "--reduction-features", "pixels"));
        assertRefusedBeforeTraining(pixels, "Invalid value for option '--reduction-features'");
        assertTrue(
                pixels.err()
                        .contains(
                                "expected one of [RAW, EMBEDDING] (case-insensitive) but was"
                                        + " 'pixels'"),
                pixels.err());
    }

    @Tag("integration")
    @Test
    void staticArmsOnTheEmbeddingCountItsPassesAndAreNotReusedForRawFeatures() throws Exception {
        InProcessRun first =
                run(
                        small(
                                "--variants",
                                "srs,mms",
                                "--budget",
                                "0.3",
                                "--reduction-features",
                                "embedding"));
        assertEquals(0, first.code(), first.err());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        for (JsonNode arm : results.get("runs")) {
            String variant = arm.get("variant").asText();
            JsonNode epochs = arm.get("epochs");
            // the embedding pass over all 512 samples, once, in the method phase of epoch 0
            assertEquals(512, epochs.get(0).get("methodPasses").asLong(), variant);
            assertEquals(0, epochs.get(1).get("methodPasses").asLong(), variant);
            assertEquals(0, epochs.get(2).get("methodPasses").asLong(), variant);
            assertTrue(epochs.get(0).get("methodSeconds").asDouble() > 0, variant);
            assertEquals("embedding", arm.get("parameters").get("--reduction-features").asText());
            double epsilon = arm.get("measures").get("epsilon").asDouble();
            assertTrue(epsilon > 0 && epsilon < 2, variant + ": unit-norm epsilon " + epsilon);
        }
        assertTrue(
                Files.readString(dir.resolve("out/report.md"))
                        .contains("selected once before training from the unit-norm embedding"));
        // the same runs asked for on raw inputs: the saved embedding runs must not be reused
        assertRefusedBeforeTraining(
                run(small("--variants", "srs,mms", "--budget", "0.3")),
                "--reduction-features embedding (saved) vs null (now)");
    }

    @Test
    @Tag("integration")
    void theHarderWorkloadsReportTailAccuracyAndAreNeverReusedForOtherSettings() throws Exception {
        String[] longTail = small("--variants", "baseline", "--long-tail", "10");
        InProcessRun first = run(longTail);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("tail-class accuracy"), first.out());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        JsonNode epoch = results.get("runs").get(0).get("epochs").get(0);
        double tail = epoch.get("reportedMetrics").get("tail-class accuracy").asDouble();
        assertTrue(tail >= 0 && tail <= 1, "tail-class accuracy " + tail);
        // the first 512 samples, cut to floor(n_max * 0.1^(c / 9)) per class
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] labels =
                    FashionMnist.builder()
                            .optDirectory(FashionMnistFiles.directory())
                            .optLimit(512)
                            .setSampling(64, false)
                            .load(manager)
                            .labels();
            assertEquals(
                    LongTail.select(labels, 10, 10).length, epoch.get("trainSamples").asLong());
        }
        assertTrue(
                Files.readString(dir.resolve("out/report.md"))
                        .contains("Final tail-class accuracy"));
        // the same output directory with label noise: the saved run must not be reused
        List<String> noisy = new java.util.ArrayList<>(List.of(longTail));
        noisy.addAll(List.of("--label-noise", "0.3"));
        assertRefusedBeforeTraining(
                run(noisy.toArray(String[]::new)), "--label-noise null (saved) vs 0.3 (now)");
        // an InfoBatch budget its rules cannot reach in 3 epochs is refused before training
        assertRefusedBeforeTraining(
                run(small("--variants", "infobatch-budget", "--budget", "0.5")),
                "--budget 0.5 for infobatch-budget: Budget B = 0.5 is unreachable");
    }

    @Tag("integration")
    @Test
    void everyOptionIsCheckedBeforeTheFirstRunTrainsAndNamedAsTyped() throws Exception {
        assertRefusedBeforeTraining(
                run(small("--linger", "-1")), "--linger -1 is invalid: it must be a whole number");
        assertRefusedBeforeTraining(
                run(small("--push-interval", "-1")), "--push-interval -1 is invalid");
        assertRefusedBeforeTraining(
                run("--epochs", "0", "--output-dir", dir.resolve("out").toString()),
                "--epochs 0 is invalid");
        assertRefusedBeforeTraining(run(small("--lr", "NaN")), "--lr NaN is invalid");
        assertRefusedBeforeTraining(
                run(small("--prune-ratio", "2")), "--prune-ratio 2.0 is invalid");
        assertRefusedBeforeTraining(run(small("--delta", "0")), "--delta 0.0 is invalid");
        assertRefusedBeforeTraining(run(small("--threads", "0")), "--threads 0 is invalid");
        assertRefusedBeforeTraining(
                run(small("--batches-per-turn", "0")), "--batches-per-turn 0 is invalid");
        assertRefusedBeforeTraining(run(small("--cpu-tdp", "-1")), "--cpu-tdp -1.0 is invalid");
        assertRefusedBeforeTraining(
                run(small("--cpu-tdp", "Infinity")), "--cpu-tdp Infinity is invalid");
        assertRefusedBeforeTraining(run(small("--pue", "0.5")), "--pue 0.5 is invalid");
        assertRefusedBeforeTraining(
                run(small("--carbon-intensity", "-5")), "--carbon-intensity -5.0 is invalid");
        assertRefusedBeforeTraining(
                run(small("--metrics-port", "70000")), "--metrics-port 70000 is invalid");
        // 512 samples: the smallest class has far fewer than 400, found before the baseline trains
        InProcessRun clusters =
                run(small("--variants", "baseline,dream-nearest", "--clusters", "400"));
        assertRefusedBeforeTraining(clusters, "--clusters 400 is invalid: it must be at most ");
        assertTrue(
                clusters.err().contains("lower --clusters or raise --train-limit"), clusters.err());
        for (InProcessRun r :
                List.of(
                        run("--epochs", "0", "--output-dir", dir.resolve("out").toString()),
                        run(small("--cpu-tdp", "0")),
                        run(small("--push-interval", "-1")))) {
            assertFalse(r.err().contains("setEpochs"), r.err());
            assertFalse(r.err().contains("optCpuTdp"), r.err());
            assertFalse(r.err().contains("PT-"), r.err());
        }
    }

    @Tag("integration")
    @Test
    void comparesVariantsOverSeedsWritesTheReportAndResumes() throws Exception {
        InProcessRun first = run(small("--seeds", "1,2"));
        assertEquals(0, first.code(), first.err());
        Path out = dir.resolve("out");
        for (String file :
                List.of(
                        "results.csv",
                        "results-epochs.csv",
                        "results.json",
                        "report.md",
                        "report.html",
                        "accuracy-vs-epoch.png",
                        "accuracy-vs-wall-clock.png",
                        "accuracy-vs-forward-passes.png",
                        "samples-per-epoch.png",
                        "energy.png",
                        "co2.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertEquals(7, Files.readAllLines(out.resolve("results.csv")).size(), "header + 6 runs");
        assertEquals(19, Files.readAllLines(out.resolve("results-epochs.csv")).size(), "1 + 6 x 3");
        assertTrue(first.out().contains("Report: "), first.out());
        assertTrue(first.out().contains("seed 2, epoch 2, random:"), "a line per epoch per arm");

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        for (long seed : new long[] {1, 2}) {
            long[] infoBatch = samplesPerEpoch(results, "infobatch", seed);
            assertArrayEquals(
                    infoBatch,
                    samplesPerEpoch(results, "random", seed),
                    "random pruning trains InfoBatch's per-epoch counts");
            assertArrayEquals(
                    new long[] {512, 512, 512}, samplesPerEpoch(results, "baseline", seed));
            assertTrue(infoBatch[1] < 512, "InfoBatch pruned in epoch 1");
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("InfoBatch saved "), report);
        assertTrue(report.contains("## Should I turn it on?"), report);
        assertTrue(report.contains("over 2 seeds"), report);
        assertTrue(report.contains("InfoBatch vs Random pruning: accuracy "), report);

        // an interrupted comparison: one arm is lost, its seed is trained again in lockstep
        byte[] kept = Files.readAllBytes(out.resolve("runs/baseline-seed1.json"));
        Files.delete(out.resolve("runs/random-seed2.json"));
        InProcessRun resumed = run(small("--seeds", "1,2"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("6 runs, 5 finished earlier"), resumed.out());
        assertTrue(
                resumed.out().contains("Seed 2: training baseline, infobatch, random in lockstep"),
                resumed.out());
        assertFalse(resumed.out().contains("Seed 1: training"), resumed.out());
        assertArrayEquals(kept, Files.readAllBytes(out.resolve("runs/baseline-seed1.json")));
        assertTrue(Files.exists(out.resolve("runs/random-seed2.json")));

        // the same output directory with other settings is refused before training
        InProcessRun changed = run(small("--seeds", "1,2", "--delta", "0.5"));
        assertRefusedBeforeTraining(changed, "--delta 0.875 (saved) vs 0.5 (now)");
        assertRefusedBeforeTraining(
                run(small("--seeds", "1,2", "--cpu-tdp", "65")),
                "--cpu-tdp " + CpuModelEnergySource.defaultTdpWatts() + " (saved) vs 65.0 (now)");

        // another grid: CO2e of every reused run is recomputed from its energy, never mixed
        InProcessRun france = run(small("--seeds", "1,2", "--country", "FR", "--pue", "1.5"));
        assertEquals(0, france.code(), france.err());
        assertFalse(france.out().contains(": training"), france.out());
        CarbonIntensity fr = CarbonIntensity.ofCountry("FR", 1.5);
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            double joules = Double.parseDouble(cells[header.indexOf("energy_joules")]);
            double grams = Double.parseDouble(cells[header.indexOf("co2_grams")]);
            assertEquals(fr.grams(joules), grams, 1e-12);
        }
        assertTrue(
                Files.readString(out.resolve("report.md"))
                        .contains("for every run with " + fr.gramsPerKwh() + " gCO2e/kWh"),
                "the report names the one intensity it used");
    }

    @Tag("integration")
    @Test
    void dreamVariantsCountTheirEmbeddingPassesAndMeetTheirPeers() throws Exception {
        InProcessRun r =
                run(
                        small(
                                "--seeds",
                                "5",
                                "--variants",
                                "baseline,infobatch,dream-nearest,dream-stratified,random-budget,"
                                        + "stratified-infobatch",
                                "--clusters",
                                "4",
                                "--recluster-interval",
                                "2"));
        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        long budget = Math.round(0.65 * 512);
        assertArrayEquals(
                new long[] {budget, budget, budget}, samplesPerEpoch(results, "dream-nearest", 5));
        assertArrayEquals(
                new long[] {budget, budget, budget}, samplesPerEpoch(results, "random-budget", 5));
        for (JsonNode run : results.get("runs")) {
            String variant = run.get("variant").asText();
            long sampler = 0;
            for (JsonNode epoch : run.get("epochs")) {
                sampler += epoch.get("methodPasses").asLong();
            }
            if (variant.startsWith("dream-")) {
                // 3 epochs, re-clustered every 2: epochs 0 and 2 embed all 512 samples
                assertEquals(2 * 512, sampler, variant);
                assertEquals(512, run.get("epochs").get(2).get("methodPasses").asLong(), variant);
            } else if (!variant.equals("stratified-infobatch")) {
                assertEquals(0, sampler, variant);
            }
        }
        String report = Files.readString(dir.resolve("out/report.md"));
        assertTrue(report.contains("DREAM (nearest) vs Random subset (budget): accuracy "), report);
        assertTrue(
                report.contains("DREAM (stratified) vs Random subset (budget): accuracy "), report);
        assertTrue(report.contains("Stratified InfoBatch vs InfoBatch: accuracy "), report);
        assertTrue(report.contains("A budget of 65% of the data per epoch"), report);
    }

    private static long[] samplesPerEpoch(JsonNode results, String variant, long seed) {
        for (JsonNode run : results.get("runs")) {
            if (run.get("variant").asText().equals(variant) && run.get("seed").asLong() == seed) {
                long[] samples = new long[run.get("epochs").size()];
                for (int e = 0; e < samples.length; e++) {
                    samples[e] = run.get("epochs").get(e).get("trainSamples").asLong();
                }
                return samples;
            }
        }
        throw new AssertionError("no " + variant + " run of seed " + seed);
    }
}
