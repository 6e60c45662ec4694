package dev.greentrain.samples.compare;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a comparison's machine-readable results: {@code results.csv} (one row per run), {@code
 * results-epochs.csv} (one row per run and epoch) and {@code results.json} (everything).
 */
public final class ResultFiles {

    private static final CsvMapper CSV = csvMapper();
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {}

    private static CsvMapper csvMapper() {
        CsvMapper mapper = new CsvMapper();
        // quote only values that need it, not every long one
        mapper.enable(
                com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return mapper;
    }

    /** One run in {@code results.csv}. */
    @JsonPropertyOrder({
        "variant",
        "seed",
        "testAccuracy",
        "bestAccuracy",
        "trainSeconds",
        "samplesForwarded",
        "samplerForwardPasses",
        "fullDataSamples",
        "forwardPassesSaved",
        "forwardPassesSavedFraction",
        "energyJoules",
        "co2Grams",
        "energySavedJoulesEstimate",
        "co2SavedGramsEstimate"
    })
    record RunRow(
            String variant,
            long seed,
            double testAccuracy,
            double bestAccuracy,
            double trainSeconds,
            long samplesForwarded,
            long samplerForwardPasses,
            long fullDataSamples,
            long forwardPassesSaved,
            double forwardPassesSavedFraction,
            double energyJoules,
            double co2Grams,
            double energySavedJoulesEstimate,
            double co2SavedGramsEstimate) {}

    /** One epoch of one run in {@code results-epochs.csv}. */
    @JsonPropertyOrder({
        "variant",
        "seed",
        "epoch",
        "samples",
        "samplerForwardPasses",
        "seconds",
        "cumulativeSeconds",
        "cumulativeForwardPasses",
        "testAccuracy"
    })
    record EpochRow(
            String variant,
            long seed,
            int epoch,
            long samples,
            long samplerForwardPasses,
            double seconds,
            double cumulativeSeconds,
            long cumulativeForwardPasses,
            double testAccuracy) {}

    /**
     * The whole of {@code results.json}.
     *
     * @param settings the shared settings
     * @param summaries the per-variant means
     * @param verdicts the verdicts against the baseline and between peers
     * @param runs every run with its learning curve
     */
    record Results(
            ComparisonSettings settings,
            List<VariantSummary> summaries,
            List<Verdict> verdicts,
            List<RunRecord> runs) {}

    /**
     * Writes the three files.
     *
     * @param directory the output directory
     * @param settings the shared settings
     * @param runs every run, in report order
     * @param summaries the per-variant means
     * @param verdicts the verdicts
     * @throws IOException if a file cannot be written
     */
    public static void write(
            Path directory,
            ComparisonSettings settings,
            List<RunRecord> runs,
            List<VariantSummary> summaries,
            List<Verdict> verdicts)
            throws IOException {
        List<RunRow> runRows = new ArrayList<>();
        List<EpochRow> epochRows = new ArrayList<>();
        for (RunRecord run : runs) {
            runRows.add(
                    new RunRow(
                            run.variant(),
                            run.seed(),
                            run.testAccuracy(),
                            run.bestAccuracy(),
                            run.trainSeconds(),
                            run.samplesForwarded(),
                            run.samplerForwardPasses(),
                            run.fullDataSamples(),
                            run.forwardPassesSaved(),
                            run.forwardPassesSavedFraction(),
                            run.energyJoules(),
                            run.co2Grams(),
                            run.energySavedJoules(),
                            run.co2SavedGrams()));
            double seconds = 0;
            long passes = 0;
            for (EpochPoint point : run.epochs()) {
                seconds += point.seconds();
                passes += point.samples() + point.samplerForwardPasses();
                epochRows.add(
                        new EpochRow(
                                run.variant(),
                                run.seed(),
                                point.epoch(),
                                point.samples(),
                                point.samplerForwardPasses(),
                                point.seconds(),
                                seconds,
                                passes,
                                point.testAccuracy()));
            }
        }
        writeCsv(directory.resolve("results.csv"), RunRow.class, runRows);
        writeCsv(directory.resolve("results-epochs.csv"), EpochRow.class, epochRows);
        JSON.writeValue(
                directory.resolve("results.json").toFile(),
                new Results(settings, summaries, verdicts, runs));
    }

    private static void writeCsv(Path file, Class<?> type, List<?> rows) throws IOException {
        CsvSchema schema = CSV.schemaFor(type).withHeader();
        CSV.writer(schema).writeValues(file.toFile()).writeAll(rows).close();
    }
}
