package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's energy wording and its estimate-vs-observed column; the spin-wait warning. */
class EnergyAccountingReportTest {

    @TempDir Path dir;

    private static final MachineInfo MACHINE =
            new MachineInfo(
                    "cpu",
                    2,
                    "unset",
                    "PASSIVE",
                    "engine default",
                    "java",
                    "djl",
                    "PyTorch",
                    "Linux",
                    "glibc malloc defaults");

    @Test
    void theCostTableShowsTheEstimateNextToTheObservedDifferencePairedBySeed() throws Exception {
        List<RunRecord> runs = new java.util.ArrayList<>(Runs.threeSeeds());
        // seed 3's InfoBatch arm costs 30 J more than the synthetic 0.1 J per sample: observed
        // savings 80, 80 and 50 J against each seed's own baseline, mean 70 J
        RunRecord third = runs.get(7);
        List<EpochPoint> epochs = new java.util.ArrayList<>(third.epochs());
        EpochPoint first = epochs.get(0);
        epochs.set(
                0,
                new EpochPoint(
                        first.epoch(),
                        first.trainSamples(),
                        first.evaluationSamples(),
                        first.methodPasses(),
                        first.trainSeconds(),
                        first.evaluationSeconds(),
                        first.methodSeconds(),
                        first.trainJoules() + 30,
                        first.evaluationJoules(),
                        first.methodJoules(),
                        first.metric(),
                        first.forecastJoules(),
                        first.reportedMetrics()));
        runs.set(
                7,
                new RunRecord(
                        third.variant(),
                        third.parameters(),
                        third.seed(),
                        third.settings(),
                        third.energySavedEstimateJoules(),
                        third.energyMethod(),
                        third.energyMeasured(),
                        third.carbon(),
                        epochs,
                        third.measures()));
        new ComparisonReport("synthetic", DecidingMetric.accuracy(), Runs.VARIANTS, runs, MACHINE)
                .write(dir);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("Energy saved J (modelled): estimate vs observed"), report);
        // estimates: (4000 - 3200) x 0.1 J = 80 J for every pruned run
        assertTrue(report.contains("| 80.0 vs 70.0 |"), report);
        assertTrue(report.contains("| 80.0 vs 80.0 |"), report);
        assertTrue(report.contains("| 0.0 vs 0.0 |"), "the baseline against itself: " + report);
        assertFalse(report.contains("measured)"), "modelled energy is never called measured");
    }

    @Test
    void modelledEnergyWithoutPassiveOpenMpWaitingIsWarnedAbout() {
        assertEquals(Optional.empty(), MachineInfo.spinWaitWarning("PASSIVE", false));
        assertEquals(Optional.empty(), MachineInfo.spinWaitWarning(null, true), "RAPL: no model");
        String warning = MachineInfo.spinWaitWarning(null, false).orElseThrow();
        assertTrue(warning.contains("OMP_WAIT_POLICY is unset"), warning);
        assertTrue(warning.contains("OMP_WAIT_POLICY=PASSIVE"), warning);
        assertTrue(MachineInfo.spinWaitWarning("ACTIVE", false).isPresent());
    }
}
