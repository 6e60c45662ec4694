package dev.greentrain.compare;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.greentrain.listeners.energy.EnergyKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a comparison's machine-readable results: {@code results.csv} (one row per run), {@code
 * results-epochs.csv} (one row per run and epoch) and {@code results.json} (everything, with the
 * machine).
 */
public final class ResultFiles {

    private static final CsvMapper CSV = csvMapper();
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {}

    private static CsvMapper csvMapper() {
        CsvMapper mapper = new CsvMapper();
        // quote only values that need it, not every long one
        mapper.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return mapper;
    }

    /**
     * One run in {@code results.csv}; energy is {@code energyKind} (measured or modelled); {@code
     * epsilon} is a static reduction's epsilon-representativeness, empty for other variants.
     */
    @JsonPropertyOrder({
        "variant",
        "seed",
        "metric",
        "finalMetric",
        "bestMetric",
        "trainSamples",
        "backwardPasses",
        "methodPasses",
        "evaluationSamples",
        "fullDataSamples",
        "forwardPassesSaved",
        "forwardPassesSavedFraction",
        "budgetUsed",
        "costSeconds",
        "evaluationSeconds",
        "energyKind",
        "energyJoules",
        "co2Grams",
        "energySavedJoulesEstimate",
        "epsilon"
    })
    record RunRow(
            String variant,
            long seed,
            String metric,
            double finalMetric,
            double bestMetric,
            long trainSamples,
            long backwardPasses,
            long methodPasses,
            long evaluationSamples,
            long fullDataSamples,
            long forwardPassesSaved,
            double forwardPassesSavedFraction,
            double budgetUsed,
            double costSeconds,
            double evaluationSeconds,
            String energyKind,
            double energyJoules,
            double co2Grams,
            double energySavedJoulesEstimate,
            String epsilon) {}

    /** One epoch of one run in {@code results-epochs.csv}. */
    @JsonPropertyOrder({
        "variant",
        "seed",
        "epoch",
        "trainSamples",
        "backwardPasses",
        "methodPasses",
        "evaluationSamples",
        "trainSeconds",
        "methodSeconds",
        "evaluationSeconds",
        "cumulativeSeconds",
        "cumulativeForwardPasses",
        "energyKind",
        "trainJoules",
        "methodJoules",
        "evaluationJoules",
        "forecastJoules",
        "metric"
    })
    record EpochRow(
            String variant,
            long seed,
            int epoch,
            long trainSamples,
            long backwardPasses,
            long methodPasses,
            long evaluationSamples,
            double trainSeconds,
            double methodSeconds,
            double evaluationSeconds,
            double cumulativeSeconds,
            long cumulativeForwardPasses,
            String energyKind,
            double trainJoules,
            double methodJoules,
            double evaluationJoules,
            double forecastJoules,
            double metric) {}

    /**
     * A verdict in {@code results.json}: mean, low and high of each paired figure.
     *
     * @param variant the variant's name
     * @param reference the reference's name
     * @param seeds the seeds both ran
     * @param forwardPassesSaved the fraction of forward passes saved, net
     * @param wallTimeSaved the fraction of wall time saved
     * @param energySaved the fraction of energy saved
     * @param improvement the metric's improvement (pp or %)
     * @param outcome superior, non-inferior, inferior or inconclusive against the margin
     * @param recommendation the report's sentence
     */
    record VerdictRow(
            String variant,
            String reference,
            int seeds,
            MeanInterval forwardPassesSaved,
            MeanInterval wallTimeSaved,
            MeanInterval energySaved,
            MeanInterval improvement,
            String outcome,
            String recommendation) {}

    /**
     * The whole of {@code results.json}.
     *
     * @param machine where the runs were made
     * @param verdicts the verdicts against the baseline and between peers
     * @param runs every run with its epochs
     */
    record Results(MachineInfo machine, List<VerdictRow> verdicts, List<RunRecord> runs) {}

    /** Returns a static reduction's epsilon-representativeness, empty for other runs. */
    private static String epsilonOf(RunRecord run) {
        Double epsilon = run.measures().get("epsilon");
        return epsilon == null ? "" : String.valueOf(epsilon);
    }

    /**
     * Writes the three files.
     *
     * @param directory the output directory
     * @param machine where the runs were made
     * @param runs every run, in report order
     * @param verdicts the verdicts
     * @throws IOException if a file cannot be written
     */
    public static void write(
            Path directory, MachineInfo machine, List<RunRecord> runs, List<Verdict> verdicts)
            throws IOException {
        List<RunRow> runRows = new ArrayList<>();
        List<EpochRow> epochRows = new ArrayList<>();
        for (RunRecord run : runs) {
            String kind = run.energyMeasured() ? EnergyKind.MEASURED : EnergyKind.MODELLED;
            runRows.add(
                    new RunRow(
                            run.variant(),
                            run.seed(),
                            run.settings().metric(),
                            run.finalMetric(),
                            run.bestMetric(),
                            run.trainSamples(),
                            run.trainSamples(),
                            run.methodPasses(),
                            run.evaluationSamples(),
                            run.fullDataSamples(),
                            run.forwardPassesSaved(),
                            run.forwardPassesSavedFraction(),
                            run.budgetUsed(),
                            run.costSeconds(),
                            run.evaluationSeconds(),
                            kind,
                            run.energyJoules(),
                            run.co2Grams(),
                            run.energySavedEstimateJoules(),
                            epsilonOf(run)));
            double seconds = 0;
            long passes = 0;
            for (EpochPoint point : run.epochs()) {
                seconds += point.costSeconds();
                passes += point.trainSamples() + point.methodPasses();
                epochRows.add(
                        new EpochRow(
                                run.variant(),
                                run.seed(),
                                point.epoch(),
                                point.trainSamples(),
                                point.backwardPasses(),
                                point.methodPasses(),
                                point.evaluationSamples(),
                                point.trainSeconds(),
                                point.methodSeconds(),
                                point.evaluationSeconds(),
                                seconds,
                                passes,
                                kind,
                                point.trainJoules(),
                                point.methodJoules(),
                                point.evaluationJoules(),
                                point.forecastJoules(),
                                point.metric()));
            }
        }
        writeCsv(directory.resolve("results.csv"), RunRow.class, runRows);
        writeCsv(directory.resolve("results-epochs.csv"), EpochRow.class, epochRows);
        List<VerdictRow> verdictRows =
                verdicts.stream()
                        .map(
                                v ->
                                        new VerdictRow(
                                                v.variant().name(),
                                                v.reference().name(),
                                                v.seeds(),
                                                v.forwardPassesSaved(),
                                                v.wallTimeSaved(),
                                                v.energySaved(),
                                                v.improvement(),
                                                v.outcome().word(),
                                                v.recommendation()))
                        .toList();
        JSON.writeValue(
                directory.resolve("results.json").toFile(),
                new Results(machine, verdictRows, runs));
    }

    private static void writeCsv(Path file, Class<?> type, List<?> rows) throws IOException {
        CsvSchema schema = CSV.schemaFor(type).withHeader();
        CSV.writer(schema).writeValues(file.toFile()).writeAll(rows).close();
    }
}
