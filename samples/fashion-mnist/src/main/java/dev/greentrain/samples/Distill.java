package dev.greentrain.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.SequenceSampler;
import dev.greentrain.compare.MetricsSetup;
import dev.greentrain.distill.Distillation;
import dev.greentrain.distill.DistillationListener;
import dev.greentrain.distill.DistilledSet;
import dev.greentrain.distill.RealBatchSampler;
import dev.greentrain.distill.SyntheticSetEvaluation;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.export.ExportSettings;
import dev.greentrain.listeners.metrics.DistillationMetrics;
import dev.greentrain.listeners.metrics.MetricTags;
import dev.greentrain.samples.data.FashionMnist;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Distils Fashion-MNIST into a few synthetic images per class by distribution matching, with random
 * or DREAM real batches, evaluating the set as it learns.
 */
@Command(
        name = "distill",
        mixinStandardHelpOptions = true,
        version = "GreenTrain 0.1.0-SNAPSHOT: Fashion-MNIST dataset distillation",
        sortOptions = false,
        description =
                "Distils Fashion-MNIST (DM, with random or DREAM real batches) and writes, in"
                        + " <output-dir>/<sampler>-ipc<S>-seed<seed>/: distilled.ndlist (the set),"
                        + " distilled.png (the images), accuracy.csv (test accuracy of ConvNets"
                        + " trained from scratch on the set, against iteration) and"
                        + " checkpoint.ndlist (a rerun resumes from it). Metrics (iterations,"
                        + " forward passes, energy) are published only when an endpoint or a"
                        + " Pushgateway is given.")
public final class Distill implements Callable<Integer> {

    /** The authors' Fashion-MNIST normalisation mean. */
    static final float MEAN = 0.2861f;

    /** The authors' Fashion-MNIST normalisation standard deviation. */
    static final float STD = 0.3530f;

    @Option(
            names = "--images-per-class",
            paramLabel = "<S>",
            description = "Synthetic images per class (default: 10).")
    int imagesPerClass = 10;

    @Option(
            names = "--iterations",
            paramLabel = "<n>",
            description = "Matching iterations (default: 1000; the DM paper runs 20000).")
    int iterations = 1000;

    @Option(
            names = "--sampler",
            paramLabel = "random|dream",
            description =
                    "Real batches: uniform random or DREAM's representatives (default: random).")
    RealBatchSampler sampler = RealBatchSampler.RANDOM;

    @Option(names = "--seed", paramLabel = "<seed>", description = "Seed (default: 42).")
    long seed = 42;

    @Option(
            names = "--output-dir",
            paramLabel = "<dir>",
            description = "Where the run's folder goes (default: distillation).")
    Path outputDir = Path.of("distillation");

    @Option(
            names = "--evaluate-every",
            paramLabel = "<n>",
            description =
                    "Evaluate at iteration 0, every n iterations and at the end (default: 100).")
    int evaluateEvery = 100;

    @Option(
            names = "--width",
            paramLabel = "<filters>",
            description =
                    "ConvNet width for matching and evaluation (default: 32; the paper's is 128).")
    int width = 32;

    @Option(
            names = "--real-batch",
            paramLabel = "<n>",
            description = "Real images per class per iteration, DREAM's k (default: 128).")
    int realBatch = Distillation.DREAM_BATCH_SIZE;

    @Option(
            names = "--interval",
            paramLabel = "<n>",
            description = "DREAM's re-clustering interval in iterations (default: 10).")
    int interval = Distillation.DREAM_INTERVAL;

    @Option(
            names = "--eval-models",
            paramLabel = "<n>",
            description = "ConvNets trained per evaluation point (default: 5; the papers: 20).")
    int evalModels = 5;

    @Option(
            names = "--eval-epochs",
            paramLabel = "<n>",
            description = "Training epochs of each evaluation ConvNet (default: 300; DM: 1000).")
    int evalEpochs = 300;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "<n>",
            description = "Write the checkpoint every n iterations (default: 50).")
    int checkpointEvery = 50;

    @Option(
            names = "--train-limit",
            paramLabel = "<n>",
            description = "Distil the first n training images only (default: all 60000).")
    Integer trainLimit;

    @Option(
            names = "--test-limit",
            paramLabel = "<n>",
            description = "Evaluate on the first n test images only (default: all 10000).")
    Integer testLimit;

    @Option(
            names = "--data-dir",
            paramLabel = "<dir>",
            description =
                    "The Fashion-MNIST files (default: " + "/usr/share/datasets/fashion-mnist).")
    Path dataDir = FashionMnist.DEFAULT_DIRECTORY;

    @Mixin MetricsOptions metricsOptions = new MetricsOptions();

    @Mixin EnergyOptions energyOptions = new EnergyOptions();

    /**
     * Runs the command.
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
        return CommandLines.of(new Distill());
    }

    /**
     * Returns the folder of this run inside the output directory.
     *
     * @return {@code <output-dir>/<sampler>-ipc<S>-seed<seed>}
     */
    Path runDirectory() {
        return outputDir.resolve(samplerName() + "-ipc" + imagesPerClass + "-seed" + seed);
    }

    @Override
    public Integer call() throws Exception {
        validateOptions();
        ExportSettings export = metricsOptions.exportSettings();
        Path run = runDirectory();
        Distillation.requireWritableDirectory(run);
        try (MetricsSetup metrics = new MetricsSetup(export);
                EnergyMetrics energy =
                        EnergyMetrics.builder()
                                .optCpuTdp(energyOptions.cpuTdpWatts())
                                .optCarbon(energyOptions.carbon())
                                .build();
                NDManager manager = NDManager.newBaseManager()) {
            String variant = "distill-" + samplerName() + "-ipc" + imagesPerClass;
            MetricTags tags =
                    new MetricTags(
                            metrics.runId(variant, seed),
                            variant,
                            "convnet3-w" + width,
                            "fashion-mnist");
            DistillationMetrics counters = new DistillationMetrics(tags);
            MeterRegistry registry = metrics.registryFor(tags.run());
            counters.bindTo(registry);
            energy.binder(tags.toTags()).bindTo(registry);
            FashionMnist.Builder train =
                    FashionMnist.builder().optDirectory(dataDir).setSampling(1000, false);
            FashionMnist.Builder test =
                    FashionMnist.builder()
                            .optDirectory(dataDir)
                            .optSplit(FashionMnist.Split.TEST)
                            .setSampling(1000, false);
            if (trainLimit != null) {
                train.optLimit(trainLimit);
            }
            if (testLimit != null) {
                test.optLimit(testLimit);
            }
            ArrayDataset trainSet = normalised(manager, train.build(manager));
            SyntheticSetEvaluation evaluation =
                    SyntheticSetEvaluation.builder()
                            .setTestSet(normalised(manager, test.build(manager)))
                            .optModels(evalModels)
                            .optEpochs(evalEpochs)
                            .optWidth(width)
                            .optSeed(seed)
                            .build(manager);
            Recorder recorder =
                    new Recorder(run, evaluation, counters, new DistillationCost(energy));
            Distillation distillation =
                    Distillation.builder()
                            .setDataset(trainSet)
                            .setImagesPerClass(imagesPerClass)
                            .setIterations(iterations)
                            .optSampler(sampler)
                            .optRealBatchSize(realBatch)
                            .optInterval(interval)
                            .optWidth(width)
                            .optSeed(seed)
                            .optCheckpoint(run.resolve("checkpoint.ndlist"), checkpointEvery)
                            .optListener(recorder)
                            .build();
            System.out.println(
                    "distilling Fashion-MNIST: "
                            + distillation.describeSettings()
                            + " iterations="
                            + iterations
                            + "; evaluation: "
                            + evalModels
                            + " ConvNets x "
                            + evalEpochs
                            + " epochs per point; output "
                            + run);
            DistilledSet result;
            energy.start();
            try {
                result = distillation.run(manager);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                energy.finish();
            }
            result.save(run.resolve("distilled.ndlist"));
            DistilledSetImage.write(result, MEAN, STD, run.resolve("distilled.png"));
            System.out.println(
                    "wrote "
                            + run.resolve("distilled.ndlist")
                            + ", distilled.png and accuracy.csv");
            metrics.closeAfter(metricsOptions.linger());
        }
        return 0;
    }

    private String samplerName() {
        return sampler.name().toLowerCase(Locale.ROOT);
    }

    private void validateOptions() {
        OptionCheck.require(
                imagesPerClass >= 1, "--images-per-class", imagesPerClass, "at least 1");
        OptionCheck.require(iterations >= 1, "--iterations", iterations, "at least 1");
        OptionCheck.require(evaluateEvery >= 1, "--evaluate-every", evaluateEvery, "at least 1");
        OptionCheck.require(width >= 1, "--width", width, "at least 1");
        OptionCheck.require(realBatch >= 1, "--real-batch", realBatch, "at least 1");
        OptionCheck.require(interval >= 1, "--interval", interval, "at least 1");
        OptionCheck.require(evalModels >= 1, "--eval-models", evalModels, "at least 1");
        OptionCheck.require(evalEpochs >= 1, "--eval-epochs", evalEpochs, "at least 1");
        OptionCheck.require(
                checkpointEvery >= 1, "--checkpoint-every", checkpointEvery, "at least 1");
        OptionCheck.require(
                trainLimit == null || trainLimit >= 1, "--train-limit", trainLimit, "at least 1");
        OptionCheck.require(
                testLimit == null || testLimit >= 1, "--test-limit", testLimit, "at least 1");
        metricsOptions.validate();
        energyOptions.validate();
    }

    /** Returns the data set with its images normalised as the authors do: (x - mean) / std. */
    private static ArrayDataset normalised(NDManager manager, ArrayDataset dataset)
            throws Exception {
        int size = (int) dataset.size();
        BatchSampler whole = new BatchSampler(new SequenceSampler(), size, false);
        for (Batch batch : dataset.getData(manager, whole)) {
            NDArray images = batch.getData().head().sub(MEAN).div(STD);
            NDArray labels = batch.getLabels().head().duplicate();
            images.attach(manager);
            labels.attach(manager);
            batch.close();
            return new ArrayDataset.Builder()
                    .setData(images)
                    .optLabels(labels)
                    .setSampling(1000, false)
                    .build();
        }
        throw new IllegalArgumentException("The Fashion-MNIST split is empty.");
    }

    /**
     * Evaluates at the due iterations, appends the CSV, prints the progress line, draws the PNG;
     * feeds the metrics and closes the cost windows (iterations apart from evaluations).
     */
    private final class Recorder implements DistillationListener {

        private final Path run;
        private final SyntheticSetEvaluation evaluation;
        private final DistillationListener counters;
        private final DistillationCost cost;
        private AccuracyCsv csv;
        private int started;

        Recorder(
                Path run,
                SyntheticSetEvaluation evaluation,
                DistillationListener counters,
                DistillationCost cost) {
            this.run = run;
            this.evaluation = evaluation;
            this.counters = counters;
            this.cost = cost;
        }

        @Override
        public void onStart(Progress start) {
            counters.onStart(start);
            int completed = start.iteration();
            started = completed;
            csv = new AccuracyCsv(run.resolve("accuracy.csv"), cost.kind());
            try {
                csv.truncateAfter(completed);
                List<AccuracyCsv.Row> rows = csv.read();
                AccuracyCsv.Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
                // the figures so far are known only when the last row is the checkpoint's
                boolean atLast = last != null && last.iteration() == completed;
                cost.start(
                        last == null ? 0 : last.distillSeconds(),
                        completed == 0 ? 0 : atLast ? last.distillJoules() : Double.NaN);
                if (completed > 0) {
                    System.out.println(
                            "resuming after iteration " + completed + " from the checkpoint");
                }
                if (!atLast && (completed == 0 || due(completed))) {
                    evaluate(start);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cost.endEvaluation();
        }

        @Override
        public void onIteration(Progress progress) {
            counters.onIteration(progress);
            cost.endIteration();
            if (due(progress.iteration())) {
                try {
                    evaluate(progress);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            cost.endEvaluation();
        }

        private boolean due(int iteration) {
            return iteration % evaluateEvery == 0 || iteration == iterations;
        }

        private void evaluate(Progress progress) throws IOException {
            long evaluationStart = System.nanoTime();
            int iteration = progress.iteration();
            double[] accuracies = evaluation.evaluate(progress.current(), iteration);
            AccuracyCsv.Row row =
                    new AccuracyCsv.Row(
                            iteration,
                            cost.seconds(),
                            cost.joules(),
                            progress.loss(),
                            progress.realForwards(),
                            progress.syntheticForwards(),
                            progress.clusteringForwards(),
                            accuracies);
            csv.append(row);
            DistilledSetImage.write(progress.current(), MEAN, STD, run.resolve("distilled.png"));
            System.out.printf(
                    Locale.ROOT,
                    "iteration %d/%d  loss %.4f  accuracy %.2f%% +- %.2f (%d models, %.0f s)"
                            + "  distilling %.2f s/iteration, %s  forward passes: real %d,"
                            + " synthetic %d, clustering %d%n",
                    iteration,
                    iterations,
                    progress.loss(),
                    100 * row.mean(),
                    100 * row.std(),
                    accuracies.length,
                    (System.nanoTime() - evaluationStart) / 1e9,
                    iteration == 0 ? 0 : cost.seconds() / iteration,
                    energyText(iteration),
                    progress.realForwards(),
                    progress.syntheticForwards(),
                    progress.clusteringForwards());
        }

        /** Returns the iterations' energy so far and per iteration, saying measured or modelled. */
        private String energyText(int iteration) {
            double joules = cost.joules();
            if (!Double.isNaN(joules)) {
                return String.format(
                        Locale.ROOT,
                        "%.1f J %s so far (%.2f J/iteration)",
                        joules,
                        cost.kind(),
                        iteration == 0 ? 0 : joules / iteration);
            }
            int since = iteration - started;
            return String.format(
                    Locale.ROOT,
                    "%.1f J %s since the resume (%.2f J/iteration; before it unknown)",
                    cost.joulesSinceStart(),
                    cost.kind(),
                    since == 0 ? 0 : cost.joulesSinceStart() / since);
        }
    }
}
