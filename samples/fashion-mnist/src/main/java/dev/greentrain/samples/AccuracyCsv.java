package dev.greentrain.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The distill command's CSV of evaluation accuracy against iteration: one row per evaluation point,
 * appended as it is measured, so a resumed run keeps the rows already written. Columns are read by
 * their header names, so files written before a column existed still load (the missing figure is
 * unknown, written back empty).
 */
final class AccuracyCsv {

    /**
     * The energy column's name before its kind: {@code distill_joules_modelled} or {@code
     * _measured}.
     */
    static final String JOULES_PREFIX = "distill_joules_";

    private final Path file;
    private final String energyKind;

    /**
     * Opens the CSV of a run.
     *
     * @param file the file, created by the first write
     * @param energyKind {@code modelled} or {@code measured}: the kind of this run's energy figures
     */
    AccuracyCsv(Path file, String energyKind) {
        this.file = file;
        this.energyKind = energyKind;
    }

    /**
     * Returns the header line: the energy column's name says whether it is modelled or measured.
     */
    String header() {
        return "iteration,distill_seconds,"
                + JOULES_PREFIX
                + energyKind
                + ",loss,real_forwards,synthetic_forwards,clustering_forwards,"
                + "models,accuracy_mean,accuracy_std,accuracies";
    }

    /**
     * One evaluation point.
     *
     * @param iteration the iterations completed
     * @param distillSeconds distillation wall time so far, evaluations excluded
     * @param distillJoules distillation energy so far, evaluations excluded; NaN when unknown
     * @param loss the matching loss of that iteration (NaN at iteration 0)
     * @param realForwards real images forwarded for matching
     * @param syntheticForwards synthetic images forwarded
     * @param clusteringForwards real images embedded for clustering (DREAM)
     * @param accuracies one test accuracy per evaluation model
     */
    record Row(
            int iteration,
            double distillSeconds,
            double distillJoules,
            double loss,
            long realForwards,
            long syntheticForwards,
            long clusteringForwards,
            double[] accuracies) {

        double mean() {
            double sum = 0;
            for (double a : accuracies) {
                sum += a;
            }
            return sum / accuracies.length;
        }

        double std() {
            double mean = mean();
            double sum = 0;
            for (double a : accuracies) {
                sum += (a - mean) * (a - mean);
            }
            return Math.sqrt(sum / accuracies.length);
        }

        String line() {
            StringBuilder each = new StringBuilder();
            for (double a : accuracies) {
                each.append(each.length() == 0 ? "" : ";")
                        .append(String.format(Locale.ROOT, "%.4f", a));
            }
            return String.format(
                    Locale.ROOT,
                    "%d,%.2f,%s,%.6f,%d,%d,%d,%d,%.4f,%.4f,%s",
                    iteration,
                    distillSeconds,
                    Double.isNaN(distillJoules)
                            ? ""
                            : String.format(Locale.ROOT, "%.3f", distillJoules),
                    loss,
                    realForwards,
                    syntheticForwards,
                    clusteringForwards,
                    accuracies.length,
                    mean(),
                    std(),
                    each);
        }
    }

    /**
     * Returns the rows written so far (none when the file does not exist); energy written as
     * another kind than this run's, or not written, is NaN.
     */
    List<Row> read() throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> columns = List.of(lines.get(0).split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(parse(columns, line.split(",", -1)));
            }
        }
        return rows;
    }

    private Row parse(List<String> columns, String[] fields) {
        String[] each = field(columns, fields, "accuracies").split(";");
        double[] accuracies = new double[each.length];
        for (int i = 0; i < each.length; i++) {
            accuracies[i] = Double.parseDouble(each[i]);
        }
        String joules =
                columns.contains(JOULES_PREFIX + energyKind)
                        ? field(columns, fields, JOULES_PREFIX + energyKind)
                        : "";
        return new Row(
                Integer.parseInt(field(columns, fields, "iteration")),
                Double.parseDouble(field(columns, fields, "distill_seconds")),
                joules.isEmpty() ? Double.NaN : Double.parseDouble(joules),
                Double.parseDouble(field(columns, fields, "loss")),
                Long.parseLong(field(columns, fields, "real_forwards")),
                Long.parseLong(field(columns, fields, "synthetic_forwards")),
                Long.parseLong(field(columns, fields, "clustering_forwards")),
                accuracies);
    }

    private String field(List<String> columns, String[] fields, String name) {
        int index = columns.indexOf(name);
        if (index < 0 || index >= fields.length) {
            throw new IllegalArgumentException(
                    file
                            + " has no "
                            + name
                            + " column: it is not a distill accuracy.csv; move it away or give"
                            + " another --output-dir.");
        }
        return fields[index];
    }

    /**
     * Keeps only the rows up to an iteration (a resumed run redoes the later ones), rewriting the
     * file with this version's header.
     */
    void truncateAfter(int iteration) throws IOException {
        List<Row> kept = new ArrayList<>();
        for (Row row : read()) {
            if (row.iteration() <= iteration) {
                kept.add(row);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(header());
        kept.forEach(row -> lines.add(row.line()));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Appends one row. */
    void append(Row row) throws IOException {
        Files.writeString(
                file,
                row.line() + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
