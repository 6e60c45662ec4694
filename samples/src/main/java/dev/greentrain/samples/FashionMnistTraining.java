package dev.greentrain.samples;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.CpuModelEnergySource;
import dev.greentrain.listeners.export.ExportSettings;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.model.Models;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains a small CNN on Fashion-MNIST with full data, with InfoBatch, or both from the same seed,
 * and prints accuracy, samples forwarded, forward passes saved and wall time.
 */
@Command(
        name = "fashion-mnist",
        mixinStandardHelpOptions = true,
        description =
                "Trains on Fashion-MNIST with full data and/or InfoBatch (same seed) and prints"
                        + " accuracy, forward passes saved and wall time.")
public final class FashionMnistTraining implements Callable<Integer> {

    /** Which data the run trains on. */
    public enum Mode {
        /** Plain DJL training on all data every epoch. */
        FULL,
        /** InfoBatch dynamic data pruning. */
        INFOBATCH,
        /** Both, one after the other, from the same seed, with a comparison. */
        BOTH
    }

    /** The network to train. */
    public enum Network {
        /** The small CNN. */
        CNN,
        /** The multilayer perceptron. */
        MLP
    }

    @Option(
            names = "--data-dir",
            description = "Directory with the four gzip IDX files (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = FashionMnist.DEFAULT_DIRECTORY;

    @Option(names = "--mode", description = "full, infobatch or both (default: ${DEFAULT-VALUE}).")
    Mode mode = Mode.BOTH;

    @Option(names = "--model", description = "cnn or mlp (default: ${DEFAULT-VALUE}).")
    Network network = Network.CNN;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 24;

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

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
            names = "--seed",
            description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(
            names = "--train-limit",
            description = "Train on the first n samples only (default: all).")
    int trainLimit = Integer.MAX_VALUE;

    @Option(
            names = "--output-dir",
            description = "Save each model and the InfoBatch state here (default: not saved).")
    Path outputDirectory;

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
            names = "--validate",
            description =
                    "Evaluate the test set after every epoch (validation loss and accuracy per"
                            + " epoch in the metrics; counted in the wall time).")
    boolean validate;

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

    @Option(
            names = "--run",
            description = "Run id prefix for the metrics (default: fashion-mnist-<seed>).")
    String run;

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
        return new CommandLine(new FashionMnistTraining())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(FashionMnistTraining::reportInputError);
    }

    /** Prints bad input (missing data, bad settings) as one clear line instead of a stack trace. */
    private static int reportInputError(
            Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
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
                        seed,
                        outputDirectory,
                        carbon(),
                        cpuTdp != null ? cpuTdp : CpuModelEnergySource.defaultTdpWatts(),
                        validate);
        validate(settings);
        Supplier<Block> block = network == Network.CNN ? Models::smallCnn : Models::mlp;
        ExportSettings export = ExportSettings.fromEnvironment();
        List<RunResult> results = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                MetricsSetup metrics =
                        new MetricsSetup(
                                metricsHost != null ? metricsHost : export.host(),
                                metricsPort != null ? metricsPort : export.port().orElse(null),
                                pushgateway != null
                                        ? pushgateway
                                        : export.pushgateway().orElse(null),
                                pushInterval != null
                                        ? Duration.ofSeconds(pushInterval)
                                        : export.pushInterval(),
                                run != null ? run : export.run().orElse("fashion-mnist-" + seed))) {
            TrainingRun training =
                    new TrainingRun(
                            network.name().toLowerCase(Locale.ROOT), block, settings, metrics);
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
            if (mode != Mode.INFOBATCH) {
                results.add(report(training.run(false, train, test)));
            }
            if (mode != Mode.FULL) {
                results.add(report(training.run(true, train, test)));
            }
            if (results.size() == 2) {
                System.out.println(compare(results.get(0), results.get(1)));
            }
            metrics.closeAfter(Duration.ofSeconds(lingerSeconds));
        }
        return 0;
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
        // InfoBatch checks r, delta and epochs and says how to fix them.
        settings.infoBatch().setDatasetSize(1).setEpochs(epochs).build();
    }

    private static RunResult report(RunResult result) {
        System.out.println(result.describe());
        return result;
    }

    /**
     * Returns the comparison of an InfoBatch run against the full-data run of the same seed.
     *
     * @param full the full-data run
     * @param infoBatch the InfoBatch run
     * @return the comparison line
     */
    static String compare(RunResult full, RunResult infoBatch) {
        double wallSaved = 1 - infoBatch.trainSeconds() / full.trainSeconds();
        double measuredSaving = full.energy().joules() - infoBatch.energy().joules();
        return String.format(
                "InfoBatch vs baseline (full data, same seed, %d epochs): forward passes saved"
                        + " %.1f%%, wall time saved %.1f%%, accuracy %+.2f pp (%.2f%% vs %.2f%%)%n"
                        + "Energy saved: measured difference %.1f J (%.1f%% of the baseline's"
                        + " %.1f J), InfoBatch's own estimate %.1f J; CO2 saved %.3f g measured,"
                        + " %.3f g estimated",
                full.epochs(),
                100 * infoBatch.forwardPassesSavedFraction(),
                100 * wallSaved,
                100 * (infoBatch.testAccuracy() - full.testAccuracy()),
                100 * infoBatch.testAccuracy(),
                100 * full.testAccuracy(),
                measuredSaving,
                100 * measuredSaving / full.energy().joules(),
                full.energy().joules(),
                infoBatch.energy().savedJoules(),
                full.energy().grams() - infoBatch.energy().grams(),
                infoBatch.energy().savedGrams());
    }
}
