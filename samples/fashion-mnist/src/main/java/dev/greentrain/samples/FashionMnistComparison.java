package dev.greentrain.samples;

import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import dev.greentrain.compare.Comparison;
import dev.greentrain.compare.ComparisonResult;
import dev.greentrain.compare.DecidingMetric;
import dev.greentrain.compare.MetricsSetup;
import dev.greentrain.compare.NonInferiority;
import dev.greentrain.compare.Schedule;
import dev.greentrain.compare.Variant;
import dev.greentrain.compare.Variants;
import dev.greentrain.compare.Workload;
import dev.greentrain.dream.DatasetEmbedding;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.CpuModelEnergySource;
import dev.greentrain.listeners.export.ExportSettings;
import dev.greentrain.samples.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
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

    @Option(names = "--epochs", description = "Epochs of every arm (default: ${DEFAULT-VALUE}).")
    int epochs = 8;

    @Option(
            names = "--schedule",
            description =
                    "lockstep (the arms of a seed advance one epoch each in turn, in a rotating"
                            + " order) or sequential (default: ${DEFAULT-VALUE}).")
    Schedule schedule = Schedule.LOCKSTEP;

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--model", description = "cnn or mlp (default: ${DEFAULT-VALUE}).")
    FashionMnistWorkload.Network network = FashionMnistWorkload.Network.CNN;

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
            names = "--margin",
            description =
                    "Non-inferiority margin in percentage points of accuracy: an arm whose 95%"
                            + " interval of the paired difference lies above -margin is"
                            + " non-inferior (default: ${DEFAULT-VALUE}).")
    double margin = NonInferiority.DEFAULT_ACCURACY_MARGIN_PP;

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
        validateOptions();
        CarbonIntensity carbon = carbon();
        List<Variant> variants =
                Variants.resolve(
                        variantNames,
                        new Variants.Settings(
                                pruneRatio, delta, budget, clustersPerClass, reclusterInterval));
        List<Long> seeds = parseSeeds(seedTexts);
        ExportSettings export = exportSettings();
        try (NDManager manager = NDManager.newBaseManager()) {
            Workload workload =
                    FashionMnistWorkload.create(
                            manager,
                            dataDirectory,
                            trainLimit,
                            batchSize,
                            learningRate,
                            network,
                            epochs,
                            DecidingMetric.accuracy().withMargin(margin));
            checkClustersFitTheClasses(manager, workload, variants);
            try (MetricsSetup metrics = new MetricsSetup(export)) {
                ComparisonResult result =
                        Comparison.builder()
                                .setWorkload(workload)
                                .addVariants(variants.toArray(Variant[]::new))
                                .optSeeds(seeds.stream().mapToLong(Long::longValue).toArray())
                                .optSchedule(schedule)
                                .optOutputDirectory(outputDirectory)
                                .optCarbon(carbon)
                                .optCpuTdp(
                                        cpuTdp != null
                                                ? cpuTdp
                                                : CpuModelEnergySource.defaultTdpWatts())
                                .optMetrics(metrics)
                                .build()
                                .run();
                metrics.closeAfter(Duration.ofSeconds(lingerSeconds));
                System.out.println();
                result.recommendations().forEach(System.out::println);
                System.out.println(
                        "Report: "
                                + result.html().toAbsolutePath()
                                + " (also report.md, results.csv, results-epochs.csv,"
                                + " results.json and the charts in "
                                + outputDirectory.toAbsolutePath()
                                + ")");
            }
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

    /** Refuses bad options before any data is read or model trained, naming the flag as typed. */
    private void validateOptions() {
        OptionCheck.require(epochs >= 1, "--epochs", epochs, "at least 1");
        OptionCheck.require(batchSize >= 1, "--batch-size", batchSize, "at least 1");
        OptionCheck.require(
                learningRate > 0 && Float.isFinite(learningRate),
                "--lr",
                learningRate,
                "a finite number greater than 0, e.g. 0.002");
        OptionCheck.require(
                pruneRatio >= 0 && pruneRatio <= InfoBatch.MAX_PRUNE_RATIO,
                "--prune-ratio",
                pruneRatio,
                "in [0, " + InfoBatch.MAX_PRUNE_RATIO + "] (InfoBatch's default is 0.5)");
        OptionCheck.require(
                delta > 0 && delta <= 1,
                "--delta",
                delta,
                "in (0, 1], the fraction of epochs that prune (InfoBatch's default is 0.875)");
        OptionCheck.require(
                margin > 0 && Double.isFinite(margin),
                "--margin",
                margin,
                "a finite number of percentage points greater than 0, e.g. 0.3");
        OptionCheck.require(trainLimit >= 1, "--train-limit", trainLimit, "at least 1");
        OptionCheck.require(budget > 0 && budget <= 1, "--budget", budget, "in (0, 1], e.g. 0.65");
        OptionCheck.require(clustersPerClass >= 1, "--clusters", clustersPerClass, "at least 1");
        OptionCheck.require(
                reclusterInterval >= 1,
                "--recluster-interval",
                reclusterInterval,
                "at least 1 epoch");
        OptionCheck.require(
                metricsPort == null || (metricsPort >= 0 && metricsPort <= 65535),
                "--metrics-port",
                metricsPort,
                "in 0..65535 (0 picks a free port)");
        OptionCheck.require(
                pushInterval == null || pushInterval >= 0,
                "--push-interval",
                pushInterval,
                "a whole number of seconds >= 0 (0 pushes only at the end)");
        OptionCheck.require(
                lingerSeconds >= 0,
                "--linger",
                lingerSeconds,
                "a whole number of seconds >= 0 (0 stops serving when training ends)");
        OptionCheck.require(
                carbonIntensity == null
                        || (carbonIntensity >= 0 && Double.isFinite(carbonIntensity)),
                "--carbon-intensity",
                carbonIntensity,
                "a finite number of gCO2e/kWh >= 0 (the world average is 475)");
        OptionCheck.require(
                pue >= 1 && Double.isFinite(pue),
                "--pue",
                pue,
                "a finite number >= 1 (1.0 for a machine with no overhead, about 1.1-1.6 in data"
                        + " centres)");
        OptionCheck.require(
                cpuTdp == null || (cpuTdp > 0 && Double.isFinite(cpuTdp)),
                "--cpu-tdp",
                cpuTdp,
                "a finite number of watts greater than 0, e.g. 65 (the CPU's rated TDP)");
    }

    /**
     * Refuses {@code --clusters} larger than the smallest class of the training set when a variant
     * clusters, before the first run trains.
     */
    private void checkClustersFitTheClasses(
            NDManager manager, Workload workload, List<Variant> variants)
            throws IOException, TranslateException {
        if (variants.stream().noneMatch(Variant::usesClustering)) {
            return;
        }
        int[] labels = DatasetEmbedding.readLabels(manager, workload.data(0).train());
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (int label : labels) {
            sizes.merge(label, 1, Integer::sum);
        }
        Map.Entry<Integer, Integer> smallest =
                sizes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        OptionCheck.require(
                clustersPerClass <= smallest.getValue(),
                "--clusters",
                clustersPerClass,
                "at most "
                        + smallest.getValue()
                        + ", the size of the smallest class of the training set (class "
                        + smallest.getKey()
                        + "); lower --clusters or raise --train-limit");
    }
}
