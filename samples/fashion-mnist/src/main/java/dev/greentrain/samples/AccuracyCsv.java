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
 * appended as it is measured, so a resumed run keeps the rows already written.
 */
final class AccuracyCsv {

    /** The header line. */
    static final String HEADER =
            "iteration,distill_seconds,loss,real_forwards,synthetic_forwards,clustering_forwards,"
                    + "models,accuracy_mean,accuracy_std,accuracies";

    private final Path file;

    AccuracyCsv(Path file) {
        this.file = file;
    }

    /**
     * One evaluation point.
     *
     * @param iteration the iterations completed
     * @param distillSeconds distillation wall time so far, evaluations excluded
     * @param loss the matching loss of that iteration (NaN at iteration 0)
     * @param realForwards real images forwarded for matching
     * @param syntheticForwards synthetic images forwarded
     * @param clusteringForwards real images embedded for clustering (DREAM)
     * @param accuracies one test accuracy per evaluation model
     */
    record Row(
            int iteration,
            double distillSeconds,
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
                    "%d,%.2f,%.6f,%d,%d,%d,%d,%.4f,%.4f,%s",
                    iteration,
                    distillSeconds,
                    loss,
                    realForwards,
                    syntheticForwards,
                    clusteringForwards,
                    accuracies.length,
                    mean(),
                    std(),
                    each);
        }

        static Row parse(String line) {
            String[] f = line.split(",", -1);
            String[] each = f[9].split(";");
            double[] accuracies = new double[each.length];
            for (int i = 0; i < each.length; i++) {
                accuracies[i] = Double.parseDouble(each[i]);
            }
            return new Row(
                    Integer.parseInt(f[0]),
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Long.parseLong(f[3]),
                    Long.parseLong(f[4]),
                    Long.parseLong(f[5]),
                    accuracies);
        }
    }

    /** Returns the rows written so far (none when the file does not exist). */
    List<Row> read() throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isBlank()) {
                rows.add(Row.parse(line));
            }
        }
        return rows;
    }

    /** Keeps only the rows up to an iteration (a resumed run redoes the later ones). */
    void truncateAfter(int iteration) throws IOException {
        List<Row> kept = new ArrayList<>();
        for (Row row : read()) {
            if (row.iteration() <= iteration) {
                kept.add(row);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
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
