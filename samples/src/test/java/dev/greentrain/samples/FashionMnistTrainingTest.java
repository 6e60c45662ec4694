package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.EnergyReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FashionMnistTrainingTest {

    @TempDir Path dir;

    /** Runs the program in-process and returns its exit code and error output. */
    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = FashionMnistTraining.commandLine().setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Result(code, err.toString());
    }

    private record Result(int code, String err) {}

    @Test
    void badSettingsAreRefusedBeforeTraining() {
        Result r = run("--prune-ratio", "0.95");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Prune ratio r = 0.95 is out of range"), r.err());
        r = run("--delta", "0");
        assertTrue(r.err().contains("delta = 0.0 is out of range: it must be in (0, 1]"), r.err());
        r = run("--epochs", "0");
        assertTrue(r.err().contains("Epochs = 0 is invalid"), r.err());
        r = run("--batch-size", "0");
        assertTrue(r.err().contains("--batch-size 0 is invalid"), r.err());
        r = run("--pue", "0.5");
        assertTrue(r.err().contains("PUE 0.5 is invalid"), r.err());
        r = run("--carbon-intensity", "-1");
        assertTrue(r.err().contains("-1.0 gCO2e/kWh is invalid"), r.err());
        r = run("--country", "XX");
        assertTrue(r.err().contains("Country code \"XX\" is not in the bundled"), r.err());
    }

    @Test
    void aMissingDataDirectorySaysHowToInstallTheData() {
        Result r = run("--data-dir", dir.resolve("nowhere").toString(), "--epochs", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
    }

    @Test
    void trainsBothVariantsAndSavesModelsAndPruningState() {
        Result r =
                run(
                        "--epochs", "3",
                        "--train-limit", "1024",
                        "--batch-size", "64",
                        "--output-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("infobatch.state")));
        assertTrue(Files.exists(dir.resolve("fashion-mnist-baseline-0000.params")));
        assertTrue(Files.exists(dir.resolve("fashion-mnist-infobatch-0000.params")));
    }

    @Test
    void comparisonLineReportsSavingsAccuracyAndEnergyBothWays() {
        CarbonIntensity carbon = new CarbonIntensity(360, 1.0, "test");
        EnergyReport fullEnergy = energy(carbon, 36_000, 0);
        EnergyReport prunedEnergy = energy(carbon, 25_200, 12_600);
        RunResult full = new RunResult("baseline", 4, 0.90, 4000, 4000, 10.0, fullEnergy);
        RunResult pruned = new RunResult("infobatch", 4, 0.905, 2600, 4000, 7.0, prunedEnergy);
        assertEquals(
                String.format(
                        "InfoBatch vs baseline (full data, same seed, 4 epochs): forward passes"
                                + " saved 35.0%%, wall time saved 30.0%%, accuracy +0.50 pp"
                                + " (90.50%% vs 90.00%%)%n"
                                + "Energy saved: measured difference 10800.0 J (30.0%% of the"
                                + " baseline's 36000.0 J), InfoBatch's own estimate 12600.0 J;"
                                + " CO2 saved 1.080 g measured, 1.260 g estimated"),
                FashionMnistTraining.compare(full, pruned));
    }

    private static EnergyReport energy(CarbonIntensity carbon, double joules, double saved) {
        return new EnergyReport(
                Duration.ofSeconds(10),
                List.of(new EnergyReport.ComponentEnergy("cpu", "cpu-model", joules)),
                joules,
                carbon.grams(joules),
                carbon,
                1400,
                saved,
                carbon.grams(saved));
    }
}
