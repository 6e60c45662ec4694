package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyCsvTest {

    /** The header and rows the distill command wrote before the energy column existed. */
    private static final List<String> WITHOUT_ENERGY =
            List.of(
                    "iteration,distill_seconds,loss,real_forwards,synthetic_forwards,"
                            + "clustering_forwards,models,accuracy_mean,accuracy_std,accuracies",
                    "0,0.00,NaN,0,0,0,2,0.5000,0.1000,0.4000;0.6000",
                    "2,1.50,0.250000,160,40,1200,2,0.6000,0.0000,0.6000;0.6000",
                    "4,3.00,0.125000,320,80,1800,2,0.7000,0.0000,0.7000;0.7000");

    @TempDir Path dir;

    @Test
    void anOldFileLoadsAndResumesWithItsUnknownEnergyLeftEmpty() throws Exception {
        Path file = Files.write(dir.resolve("accuracy.csv"), WITHOUT_ENERGY);
        AccuracyCsv csv = new AccuracyCsv(file, "modelled");

        List<AccuracyCsv.Row> rows = csv.read();
        assertEquals(List.of(0, 2, 4), rows.stream().map(AccuracyCsv.Row::iteration).toList());
        assertEquals(1800, rows.get(2).clusteringForwards());
        assertEquals(3.00, rows.get(2).distillSeconds());
        assertTrue(rows.stream().allMatch(r -> Double.isNaN(r.distillJoules())), "unknown");

        csv.truncateAfter(2);
        csv.append(new AccuracyCsv.Row(4, 3.1, Double.NaN, 0.1, 320, 80, 1800, new double[] {1}));
        List<String> lines = Files.readAllLines(file);
        assertEquals(csv.header(), lines.get(0), "rewritten with this version's header");
        assertEquals("2,1.50,,0.250000,160,40,1200,2,0.6000,0.0000,0.6000;0.6000", lines.get(2));
        assertTrue(lines.get(3).startsWith("4,3.10,,"), lines.get(3));
        assertEquals(3, csv.read().size());
    }

    @Test
    void theEnergyColumnSaysWhetherItIsModelledAndIsReadOnlyAsItsOwnKind() throws Exception {
        Path file = dir.resolve("accuracy.csv");
        AccuracyCsv modelled = new AccuracyCsv(file, "modelled");
        modelled.truncateAfter(0);
        modelled.append(new AccuracyCsv.Row(0, 0, 0, Double.NaN, 0, 0, 0, new double[] {0.5}));
        modelled.append(new AccuracyCsv.Row(2, 1.5, 12.25, 0.2, 2, 4, 0, new double[] {0.6}));

        assertTrue(
                Files.readAllLines(file)
                        .get(0)
                        .startsWith(
                                "iteration,distill_seconds," + "distill_joules_modelled,loss,"));
        assertEquals(12.25, modelled.read().get(1).distillJoules());
        // a resume on a machine whose energy is measured cannot continue a modelled total
        AccuracyCsv measured = new AccuracyCsv(file, "measured");
        assertTrue(Double.isNaN(measured.read().get(1).distillJoules()));
        measured.truncateAfter(2);
        assertTrue(Files.readAllLines(file).get(2).startsWith("2,1.50,,"));
    }
}
