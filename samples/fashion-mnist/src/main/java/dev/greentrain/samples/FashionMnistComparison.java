package dev.greentrain.samples;

import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import dev.greentrain.compare.Comparison;
import dev.greentrain.compare.ComparisonResult;
import dev.greentrain.compare.DecidingMetric;
import dev.greentrain.compare.MetricsSetup;
import dev.greentrain.compare.NonInferiority;
import dev.greentrain.compare.Schedule;
import dev.greentrain.compare.SelectionFeatures;
import dev.greentrain.compare.Variant;
import dev.greentrain.compare.Variants;
import dev.greentrain.compare.Workload;
import dev.greentrain.dream.DatasetEmbedding;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.export.ExportSettings;
import dev.greentrain.samples.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The A/B comparison: trains the same network on Fashion-MNIST from the same seeds under several
 * variants (full data, InfoBatch, random pruning at InfoBatch's budget, ...) and writes a report.
 */
@Command(
        name = "fashion-mnist-comparison",
        mixinStandardHelpOptions = true,
        version = "GreenTrain 0.1.0-SNAPSHOT: the Fashion-MNIST A/B comparison",
        sortOptions = false,
        description =
                "Trains the same model from the same seeds under several variants and writes"
                        + " results.csv/json, charts, report.md and report.html. Finished runs are"
                        + " kept in <output-dir>/runs and skipped when the command is run again.")
public final class FashionMnistComparison implements Callable<Integer> {

    /** Comparison options. */
    static final class ComparisonOptions {
        @Option(
                paramLabel = "<variant>",
                names = "--variants",
                split = ",",
                description =
                        "Variants to compare, of ${COMPLETION-CANDIDATES} (default:"
                                + " baseline,infobatch,random).",
                completionCandidates = VariantNames.class)
        List<String> variantNames = List.of("baseline", "infobatch", "random");

        @Option(
                paramLabel = "<seed>",
                names = "--seeds",
                split = ",",
                description = "Seeds, one run of every variant each (default: 42).")
        List<String> seedTexts = List.of("42");

        @Option(
                paramLabel = "lockstep|sequential",
                names = "--schedule",
                description =
                        "lockstep (the arms of a seed advance one epoch each in turn, in a rotating"
                                + " order) or sequential (default: lockstep).")
        Schedule schedule = Schedule.LOCKSTEP;

        @Option(
                paramLabel = "<batches>",
                names = "--batches-per-turn",
                description =
                        "In lockstep, the batches an arm trains or evaluates before handing the"
                                + " turn to the next arm (default: ${DEFAULT-VALUE}).")
        int batchesPerTurn = Comparison.DEFAULT_BATCHES_PER_TURN;

        @Option(
                paramLabel = "<threads>",
                names = "--threads",
                description =
                        "PyTorch intra-op threads (default: PyTorch's, one per core). 1 keeps the"
                                + " arms' wall times steady on a machine that other work keeps"
                                + " busy; see docs/ab-comparisons.md.")
        Integer threads;

        @Option(
                paramLabel = "<pp>",
                names = "--margin",
                description =
                        "Non-inferiority margin in percentage points of accuracy: an arm whose 95%%"
                                + " interval of the paired difference lies above -margin is"
                                + " non-inferior (default: ${DEFAULT-VALUE}).")
        double margin = NonInferiority.DEFAULT_ACCURACY_MARGIN_PP;

        @Option(
                paramLabel = "<dir>",
                names = "--output-dir",
                description =
                        "Where runs, results, charts and the report go (default:"
                                + " ${DEFAULT-VALUE}).")
        Path outputDirectory = Path.of("comparison");
    }

    @ArgGroup(validate = false, heading = "%nComparison:%n", order = 1)
    ComparisonOptions comparisonOptions = new ComparisonOptions();

    /** Workload options. */
    static final class WorkloadOptions {
        @Option(
                paramLabel = "<n>",
                names = "--epochs",
                description = "Epochs of every arm (default: ${DEFAULT-VALUE}).")
        int epochs = 8;

        @Option(
                paramLabel = "<n>",
                names = "--batch-size",
                description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batchSize = 128;

        @Option(
                paramLabel = "cnn|mlp",
                names = "--model",
                description = "The network: a small CNN or an MLP (default: cnn).")
        FashionMnistWorkload.Network network = FashionMnistWorkload.Network.CNN;

        @Option(
                paramLabel = "<lr>",
                names = "--lr",
                description =
                        "Peak learning rate of the cosine schedule (default: ${DEFAULT-VALUE}).")
        float learningRate = 0.002f;

        @Option(
                paramLabel = "<dir>",
                names = "--data-dir",
                description = "Directory with the four gzip IDX files (default: ${DEFAULT-VALUE}).")
        Path dataDirectory = FashionMnist.DEFAULT_DIRECTORY;

        @Option(
                paramLabel = "<n>",
                names = "--train-limit",
                description = "Train on the first n samples only (default: all).")
        int trainLimit = Integer.MAX_VALUE;

        @Option(
                paramLabel = "<rate>",
                names = "--label-noise",
                description =
                        "Symmetric label noise: this fraction of the training labels, drawn from"
                                + " each seed, gets one of the other classes uniformly; test labels"
                                + " stay clean (default: 0).")
        double labelNoise = 0;

        @Option(
                paramLabel = "<factor>",
                names = "--long-tail",
                description =
                        "Long-tailed training set: class c keeps floor(n_max * (1/factor)^(c/9))"
                                + " samples (CIFAR-LT style, e.g. 100); the test set stays"
                                + " balanced and the accuracy of the 3 smallest classes is"
                                + " reported too (default: balanced).")
        Double longTail;
    }

    @ArgGroup(validate = false, heading = "%nWorkload (Fashion-MNIST):%n", order = 2)
    WorkloadOptions workloadOptions = new WorkloadOptions();

    /** Variant settings options. */
    static final class VariantOptions {
        @Option(
                paramLabel = "<r>",
                names = {"-r", "--prune-ratio"},
                description = "InfoBatch prune ratio r in [0, 0.9] (default: ${DEFAULT-VALUE}).")
        double pruneRatio = 0.5;

        @Option(
                paramLabel = "<delta>",
                names = "--delta",
                description =
                        "InfoBatch annealing fraction delta in (0, 1] (default: ${DEFAULT-VALUE}).")
        double delta = 0.875;

        @Option(
                paramLabel = "<fraction>",
                names = "--budget",
                description =
                        "Budget B of the budget variants, the fraction of full-data sample visits"
                            + " over the run: dream-* and random-budget train B of the data every"
                            + " epoch, in (0, 1]; infobatch-budget, seta, orderdp and loss-sampling"
                            + " choose their counts to end on B, in (0, 1); the static reductions"
                            + " (srs, mms, des, nrmd, prd, phl, fes) keep the fraction B and clc"
                            + " trains about B N synthetic points (per-class k-means centroids)"
                            + " (default: ${DEFAULT-VALUE}).")
        double budget = 0.65;

        @Option(
                paramLabel = "raw|embedding",
                names = SelectionFeatures.OPTION,
                description =
                        "What the static reductions (srs, mms, des, nrmd, prd, phl, clc) select"
                            + " from and measure epsilon on: the raw pixels, or the embedding of"
                            + " the arm's network at its initial weights (every layer but the last,"
                            + " rows scaled to unit norm; one forward pass per sample, counted as"
                            + " method passes) (default: raw).")
        SelectionFeatures reductionFeatures = SelectionFeatures.RAW;

        @Option(
                paramLabel = "stochastic|reference",
                names = "--kept-count",
                description =
                        "How InfoBatch rounds its kept share (1-r)m of the m well-learned samples:"
                                + " stochastic rounding, exactly unbiased, or the authors' floor"
                                + " (default: stochastic).")
        KeptCount keptCount = KeptCount.STOCHASTIC;

        @Option(
                paramLabel = "<k>",
                names = "--clusters",
                description = "k-means clusters per class for dream-* (default: ${DEFAULT-VALUE}).")
        int clustersPerClass = 64;

        @Option(
                paramLabel = "<epochs>",
                names = "--recluster-interval",
                description =
                        "Epochs between two clusterings for dream-* (default: ${DEFAULT-VALUE}).")
        int reclusterInterval = 1;
    }

    @ArgGroup(validate = false, heading = "%nVariant settings:%n", order = 3)
    VariantOptions variantOptions = new VariantOptions();

    @ArgGroup(validate = false, heading = MetricsOptions.HEADING, order = 4)
    MetricsOptions metricsOptions = new MetricsOptions();

    @ArgGroup(validate = false, heading = EnergyOptions.HEADING, order = 5)
    EnergyOptions energyOptions = new EnergyOptions();

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
        return CommandLines.of(new FashionMnistComparison());
    }

    /** {@inheritDoc} */
    @Override
    public Integer call() throws Exception {
        validateOptions();
        if (comparisonOptions.threads != null) {
            EngineThreads.set(comparisonOptions.threads);
        }
        CarbonIntensity carbon = energyOptions.carbon();
        List<Variant> variants =
                Variants.resolve(
                        comparisonOptions.variantNames,
                        new Variants.Settings(
                                variantOptions.pruneRatio,
                                variantOptions.delta,
                                variantOptions.budget,
                                variantOptions.clustersPerClass,
                                variantOptions.reclusterInterval,
                                variantOptions.keptCount,
                                variantOptions.reductionFeatures));
        List<Long> seeds = parseSeeds(comparisonOptions.seedTexts);
        ExportSettings export = metricsOptions.exportSettings();
        try (NDManager manager = NDManager.newBaseManager()) {
            Workload workload =
                    FashionMnistWorkload.create(
                            manager,
                            workloadOptions.dataDirectory,
                            workloadOptions.trainLimit,
                            workloadOptions.batchSize,
                            workloadOptions.learningRate,
                            workloadOptions.network,
                            workloadOptions.epochs,
                            DecidingMetric.accuracy().withMargin(comparisonOptions.margin),
                            new Difficulty(
                                    workloadOptions.labelNoise,
                                    workloadOptions.longTail == null
                                            ? 0
                                            : workloadOptions.longTail));
            checkClustersFitTheClasses(manager, workload, variants);
            try (MetricsSetup metrics = new MetricsSetup(export)) {
                ComparisonResult result =
                        Comparison.builder()
                                .setWorkload(workload)
                                .addVariants(variants.toArray(Variant[]::new))
                                .optSeeds(seeds.stream().mapToLong(Long::longValue).toArray())
                                .optSchedule(comparisonOptions.schedule)
                                .optBatchesPerTurn(comparisonOptions.batchesPerTurn)
                                .optOutputDirectory(comparisonOptions.outputDirectory)
                                .optCarbon(carbon)
                                .optCpuTdp(energyOptions.cpuTdpWatts())
                                .optMetrics(metrics)
                                .build()
                                .run();
                metrics.closeAfter(metricsOptions.linger());
                System.out.println();
                result.recommendations().forEach(System.out::println);
                System.out.println(
                        "Report: "
                                + result.html().toAbsolutePath()
                                + " (also report.md, results.csv, results-epochs.csv,"
                                + " results.json and the charts in "
                                + comparisonOptions.outputDirectory.toAbsolutePath()
                                + ")");
            }
        }
        return 0;
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

    /** Refuses bad options before any data is read or model trained, naming the flag as typed. */
    private void validateOptions() {
        OptionCheck.require(
                comparisonOptions.threads == null || comparisonOptions.threads >= 1,
                "--threads",
                comparisonOptions.threads,
                "at least 1, or leave it out for PyTorch's default");
        OptionCheck.require(
                comparisonOptions.batchesPerTurn >= 1,
                "--batches-per-turn",
                comparisonOptions.batchesPerTurn,
                "at least 1");
        OptionCheck.require(
                workloadOptions.epochs >= 1, "--epochs", workloadOptions.epochs, "at least 1");
        OptionCheck.require(
                workloadOptions.batchSize >= 1,
                "--batch-size",
                workloadOptions.batchSize,
                "at least 1");
        OptionCheck.require(
                workloadOptions.learningRate > 0 && Float.isFinite(workloadOptions.learningRate),
                "--lr",
                workloadOptions.learningRate,
                "a finite number greater than 0, e.g. 0.002");
        OptionCheck.require(
                variantOptions.pruneRatio >= 0
                        && variantOptions.pruneRatio <= InfoBatch.MAX_PRUNE_RATIO,
                "--prune-ratio",
                variantOptions.pruneRatio,
                "in [0, " + InfoBatch.MAX_PRUNE_RATIO + "] (InfoBatch's default is 0.5)");
        OptionCheck.require(
                variantOptions.delta > 0 && variantOptions.delta <= 1,
                "--delta",
                variantOptions.delta,
                "in (0, 1], the fraction of epochs that prune (InfoBatch's default is 0.875)");
        OptionCheck.require(
                comparisonOptions.margin > 0 && Double.isFinite(comparisonOptions.margin),
                "--margin",
                comparisonOptions.margin,
                "a finite number of percentage points greater than 0, e.g. 0.3");
        OptionCheck.require(
                workloadOptions.trainLimit >= 1,
                "--train-limit",
                workloadOptions.trainLimit,
                "at least 1");
        OptionCheck.require(
                workloadOptions.labelNoise >= 0 && workloadOptions.labelNoise < 1,
                "--label-noise",
                workloadOptions.labelNoise,
                "in [0, 1), the fraction of training labels replaced by another class, e.g. 0.3");
        OptionCheck.require(
                workloadOptions.longTail == null
                        || (workloadOptions.longTail >= 1
                                && Double.isFinite(workloadOptions.longTail)),
                "--long-tail",
                workloadOptions.longTail,
                "a finite imbalance factor of at least 1 (largest over smallest class), e.g. 100");
        OptionCheck.require(
                variantOptions.budget > 0 && variantOptions.budget <= 1,
                "--budget",
                variantOptions.budget,
                "in (0, 1], e.g. 0.65");
        OptionCheck.require(
                variantOptions.clustersPerClass >= 1,
                "--clusters",
                variantOptions.clustersPerClass,
                "at least 1");
        OptionCheck.require(
                variantOptions.reclusterInterval >= 1,
                "--recluster-interval",
                variantOptions.reclusterInterval,
                "at least 1 epoch");
        metricsOptions.validate();
        energyOptions.validate();
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
                variantOptions.clustersPerClass <= smallest.getValue(),
                "--clusters",
                variantOptions.clustersPerClass,
                "at most "
                        + smallest.getValue()
                        + ", the size of the smallest class of the training set (class "
                        + smallest.getKey()
                        + "); lower --clusters or raise --train-limit");
    }
}
