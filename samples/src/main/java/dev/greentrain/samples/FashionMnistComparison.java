package dev.greentrain.samples;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.CpuModelEnergySource;
import dev.greentrain.listeners.export.ExportSettings;
import dev.greentrain.samples.compare.ComparisonReport;
import dev.greentrain.samples.compare.ComparisonRunner;
import dev.greentrain.samples.compare.ComparisonSettings;
import dev.greentrain.samples.compare.RunRecord;
import dev.greentrain.samples.compare.Variant;
import dev.greentrain.samples.compare.Variants;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.model.Models;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The A/B comparison: trains the same network on Fashion-MNIST from the same seeds under several
 * variants (full data, InfoBatch, random pruning at InfoBatch's budget, ...) and writes a report.
 */
@Command(
        name = "fashion-mnist-comparison",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Trains the same model from the same seeds under several variants and writes"
                        + " results.csv/json, charts, report.md and report.html. Finished runs are"
                        + " kept in <output-dir>/runs and skipped when the command is run again.")
public final class FashionMnistComparison implements Callable<Integer> {

    /** The network to train. */
    public enum Network {
        /** The small CNN. */
        CNN,
        /** The multilayer perceptron. */
        MLP
    }

    @Option(
            names = "--variants",
            split = ",",
            description =
                    "Variants to compare, of ${COMPLETION-CANDIDATES} (default:"
                            + " baseline,infobatch,random).",
            completionCandidates = VariantNames.class)
    List<String> variantNames = List.of("baseline", "infobatch", "random");

    @Option(
            names = "--seeds",
            split = ",",
            description = "Seeds, one run of every variant each (default: 42).")
    List<String> seedTexts = List.of("42");

    @Option(names = "--epochs", description = "Epochs of every run (default: ${DEFAULT-VALUE}).")
    int epochs = 24;

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--model", description = "cnn or mlp (default: ${DEFAULT-VALUE}).")
    Network network = Network.CNN;

    @Option(
            names = "--lr",
            description = "Peak learning rate of the cosine schedule (default: ${DEFAULT-VALUE}).")
    float learningRate = 0.002f;

    @Option(
            names = {"-r", "--prune-ratio"},
            description = "InfoBatch prune ratio r in [0, 0.9] (default: ${DEFAULT-VALUE}).")
    double pruneRatio = 0.5;

    @Option(
            names = "--delta",
            description =
                    "InfoBatch annealing fraction delta in (0, 1] (default: ${DEFAULT-VALUE}).")
    double delta = 0.875;

    @Option(
            names = "--budget",
            description =
                    "Fraction of the data the budget samplers (dream-*, random-budget) train per"
                            + " epoch, in (0, 1] (default: ${DEFAULT-VALUE}, about what InfoBatch"
                            + " trains at its defaults over 24 epochs).")
    double budget = 0.65;

    @Option(
            names = "--clusters",
            description = "k-means clusters per class for dream-* (default: ${DEFAULT-VALUE}).")
    int clustersPerClass = 64;

    @Option(
            names = "--recluster-interval",
            description = "Epochs between two clusterings for dream-* (default: ${DEFAULT-VALUE}).")
    int reclusterInterval = 1;

    @Option(
            names = "--data-dir",
            description = "Directory with the four gzip IDX files (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = FashionMnist.DEFAULT_DIRECTORY;

    @Option(
            names = "--train-limit",
            description = "Train on the first n samples only (default: all).")
    int trainLimit = Integer.MAX_VALUE;

    @Option(
            names = "--output-dir",
            description =
                    "Where runs, results, charts and the report go (default: ${DEFAULT-VALUE}).")
    Path outputDirectory = Path.of("comparison");

    @Option(
            names = "--metrics-port",
            description =
                    "Serve Prometheus metrics on this port (0 = any free port); default: none, or"
                            + " GREENTRAIN_METRICS_PORT.")
    Integer metricsPort;

    @Option(
            names = "--metrics-host",
            description = "Address the metrics endpoint binds (default: 127.0.0.1).")
    String metricsHost;

    @Option(
            names = "--pushgateway",
            description =
                    "Push metrics to this Pushgateway (host:port); default: none, or"
                            + " GREENTRAIN_PUSHGATEWAY.")
    String pushgateway;

    @Option(
            names = "--push-interval",
            description = "Seconds between pushes, 0 = only at the end (default: 15).")
    Integer pushInterval;

    @Option(
            names = "--linger",
            description =
                    "Seconds to keep serving metrics after training (default: ${DEFAULT-VALUE}).")
    int lingerSeconds = 0;

    @Option(
            names = "--run",
            description =
                    "Run id prefix for the metrics; each run is <prefix>-<variant>-seed<seed>"
                            + " (default: fashion-mnist).")
    String run;

    @Option(
            names = "--carbon-intensity",
            description =
                    "Grid carbon intensity in gCO2e/kWh (default: the --country figure, else the"
                            + " world average 475).")
    Double carbonIntensity;

    @Option(
            names = "--country",
            description = "ISO country code for the bundled 2023 carbon intensity, e.g. FR.")
    String country;

    @Option(names = "--pue", description = "Power usage effectiveness (default: ${DEFAULT-VALUE}).")
    double pue = 1.0;

    @Option(
            names = "--cpu-tdp",
            description = "CPU TDP in watts for the CPU energy model (default: 4 W per CPU).")
    Double cpuTdp;

    /** The variant names picocli lists in the help. */
    static final class VariantNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        VariantNames() {
            super(Variants.names());
        }
    }

    /**
     * Runs the program.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Returns the program's command line, ready to execute.
     *
     * @return the picocli command line
     */
    public static CommandLine commandLine() {
        return new CommandLine(new FashionMnistComparison())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(FashionMnistComparison::reportInputError);
    }

    /** Prints bad input (missing data, bad settings) as one clear line instead of a stack trace. */
    private static int reportInputError(
            Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            command.getErr().println("error: " + e.getMessage());
            return 2;
        }
        throw e;
    }

    /** {@inheritDoc} */
    @Override
    public Integer call() throws Exception {
        TrainingSettings settings =
                new TrainingSettings(
                        epochs,
                        batchSize,
                        learningRate,
                        pruneRatio,
                        delta,
                        0,
                        null,
                        carbon(),
                        cpuTdp != null ? cpuTdp : CpuModelEnergySource.defaultTdpWatts());
        validate(settings);
        List<Variant> variants = Variants.resolve(variantNames);
        List<Long> seeds = parseSeeds(seedTexts);
        Supplier<Block> block = network == Network.CNN ? Models::smallCnn : Models::mlp;
        ExportSettings export = exportSettings();
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train =
                    TrainingRun.load(
                            manager,
                            dataDirectory,
                            FashionMnist.Split.TRAIN,
                            batchSize,
                            trainLimit);
            ArrayDataset test =
                    TrainingRun.load(
                            manager,
                            dataDirectory,
                            FashionMnist.Split.TEST,
                            batchSize,
                            Integer.MAX_VALUE);
            ComparisonSettings shared =
                    new ComparisonSettings(
                            network.name().toLowerCase(Locale.ROOT),
                            Math.toIntExact(train.size()),
                            epochs,
                            batchSize,
                            learningRate,
                            pruneRatio,
                            delta,
                            budget,
                            clustersPerClass,
                            reclusterInterval);
            ComparisonRunner runner =
                    new ComparisonRunner(
                            variants, seeds, shared, settings, block, outputDirectory, System.out);
            int finished = runner.countFinished();
            System.out.printf(
                    Locale.ROOT,
                    "Comparing %s over seeds %s: %d runs, %d finished earlier.%n",
                    String.join(", ", variants.stream().map(Variant::name).toList()),
                    seeds,
                    variants.size() * seeds.size(),
                    finished);
            List<RunRecord> runs;
            try (MetricsSetup metrics = new MetricsSetup(export)) {
                runs = runner.runAll(train, test, metrics);
                metrics.closeAfter(Duration.ofSeconds(lingerSeconds));
            }
            ComparisonReport report =
                    new ComparisonReport(
                            shared, variants.stream().map(Variant::name).toList(), runs);
            Path html = report.write(outputDirectory);
            System.out.print(report.consoleSummary());
            System.out.println(
                    "Report: "
                            + html.toAbsolutePath()
                            + " (also report.md, results.csv, results-epochs.csv, results.json"
                            + " and the charts in "
                            + outputDirectory.toAbsolutePath()
                            + ")");
        }
        return 0;
    }

    /**
     * The export settings: the system properties' and environment's (credentials included),
     * overridden by the metrics options given on the command line.
     */
    private ExportSettings exportSettings() {
        ExportSettings export = ExportSettings.fromEnvironment();
        export = override(export, "--metrics-port", metricsPort, ExportSettings::withPort);
        export = override(export, "--metrics-host", metricsHost, ExportSettings::withHost);
        export = override(export, "--pushgateway", pushgateway, ExportSettings::withPushgateway);
        export =
                override(
                        export,
                        "--push-interval",
                        pushInterval,
                        (settings, seconds) ->
                                settings.withPushInterval(Duration.ofSeconds(seconds)));
        return override(export, "--run", run, ExportSettings::withRun);
    }

    /** Applies one option when it was given, naming it when its value is refused. */
    private static <T> ExportSettings override(
            ExportSettings settings,
            String option,
            T value,
            BiFunction<ExportSettings, T, ExportSettings> with) {
        if (value == null) {
            return settings;
        }
        try {
            return with.apply(settings, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
        }
    }

    /** Parses the seeds, refusing none, duplicates and non-numbers. */
    static List<Long> parseSeeds(List<String> texts) {
        Set<Long> seeds = new LinkedHashSet<>();
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            long seed;
            try {
                seed = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--seeds value \"" + text + "\" is not a whole number: e.g. --seeds 1,2,3.",
                        e);
            }
            if (!seeds.add(seed)) {
                throw new IllegalArgumentException(
                        "Seed " + seed + " is listed twice in --seeds: list each seed once.");
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(
                    "--seeds is empty: give at least one seed, e.g. --seeds 42 or --seeds 1,2,3.");
        }
        return List.copyOf(seeds);
    }

    /** The carbon intensity: the value given, else the country's, else the world average. */
    private CarbonIntensity carbon() {
        if (carbonIntensity != null) {
            return new CarbonIntensity(carbonIntensity, pue, "--carbon-intensity");
        }
        if (country != null) {
            return CarbonIntensity.ofCountry(country, pue);
        }
        CarbonIntensity world = CarbonIntensity.worldAverage();
        return new CarbonIntensity(world.gramsPerKwh(), pue, world.source());
    }

    /** Refuses bad settings before any data is read or model trained. */
    private void validate(TrainingSettings settings) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "--batch-size " + batchSize + " is invalid: it must be at least 1.");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "--lr " + learningRate + " is invalid: it must be greater than 0.");
        }
        if (trainLimit < 1) {
            throw new IllegalArgumentException(
                    "--train-limit " + trainLimit + " is invalid: it must be at least 1.");
        }
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException(
                    "--budget " + budget + " is out of range: it must be in (0, 1], e.g. 0.65.");
        }
        if (clustersPerClass < 1) {
            throw new IllegalArgumentException(
                    "--clusters " + clustersPerClass + " is invalid: it must be at least 1.");
        }
        if (reclusterInterval < 1) {
            throw new IllegalArgumentException(
                    "--recluster-interval "
                            + reclusterInterval
                            + " is invalid: it must be at least 1 epoch.");
        }
        // InfoBatch checks r, delta and epochs and says how to fix them.
        settings.infoBatch().setDatasetSize(1).setEpochs(epochs).build();
    }
}
