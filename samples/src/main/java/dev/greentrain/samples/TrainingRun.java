package dev.greentrain.samples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.energy.EnergyReport;
import dev.greentrain.pruning.PrunedDataset;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.samples.compare.ComparisonSettings;
import dev.greentrain.samples.compare.EpochPoint;
import dev.greentrain.samples.compare.EpochRecorder;
import dev.greentrain.samples.compare.RunRecord;
import dev.greentrain.samples.compare.Variant;
import dev.greentrain.samples.compare.VariantContext;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.training.EpochAlignedTracker;
import dev.greentrain.training.PrunedTraining;
import dev.greentrain.training.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Trains one model on Fashion-MNIST under one variant and seed, from a freshly and identically
 * initialised network, and measures the run.
 */
public final class TrainingRun {

    private final ComparisonSettings shared;
    private final Supplier<Block> network;
    private final TrainingSettings settings;
    private final MetricsSetup metrics;

    /**
     * Creates a run.
     *
     * @param shared the settings every run of the comparison shares (model name, epochs, ...)
     * @param network creates the untrained network
     * @param settings the run's settings, with its seed
     * @param metrics the metrics export of the comparison
     */
    public TrainingRun(
            ComparisonSettings shared,
            Supplier<Block> network,
            TrainingSettings settings,
            MetricsSetup metrics) {
        this.shared = shared;
        this.network = network;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Trains and evaluates one variant; every variant of a seed starts from the same weights.
     *
     * @param variant the variant
     * @param sameSeedRuns the finished runs of the same seed, by variant name
     * @param train the training set
     * @param test the test set, evaluated (validation) after every epoch
     * @return what the run measured
     * @throws IOException if data or the model cannot be read or written
     * @throws TranslateException if the data cannot be processed
     */
    public RunRecord run(
            Variant variant,
            Map<String, RunRecord> sameSeedRuns,
            ArrayDataset train,
            ArrayDataset test)
            throws IOException, TranslateException {
        int trainSize = Math.toIntExact(train.size());
        TrainingProgress progress = new TrainingProgress();
        EpochRecorder recorder = new EpochRecorder("Accuracy");
        Tracker learningRate =
                EpochAlignedTracker.builder()
                        .setSchedule(cosineSchedule(trainSize))
                        .setProgress(progress)
                        .setEpochShape(trainSize, settings.batchSize())
                        .build();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .addEvaluator(new Accuracy())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).build())
                        .addTrainingListeners(TrainingListener.Defaults.logging())
                        .addTrainingListeners(progress);
        EnergyMetrics energy = settings.energy().build();
        String run = metrics.runId(variant.name(), settings.seed());
        config.addTrainingListeners(
                metrics.listenersFor(
                                run,
                                variant.name(),
                                shared.model(),
                                learningRate,
                                energy,
                                settings.epochs())
                        .toArray(TrainingListener[]::new));
        // after the evaluator listeners, so that the epoch's validation accuracy is ready
        config.addTrainingListeners(recorder);
        String name = "fashion-mnist-" + variant.name() + "-seed" + settings.seed();
        try (Model model = Model.newInstance(name)) {
            Engine.getInstance().setRandomSeed((int) settings.seed());
            model.setBlock(network.get());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), 1, 28, 28));
                VariantContext context =
                        new VariantContext(
                                train, settings.epochs(), settings, shared, model, sameSeedRuns);
                Optional<PruningPolicy> policy = variant.policy(context);
                if (policy.isPresent()) {
                    PrunedDataset pruned =
                            PrunedDataset.builder()
                                    .setDataset(train)
                                    .setPolicy(policy.get())
                                    .build();
                    PrunedTraining.fit(trainer, settings.epochs(), pruned, test);
                } else {
                    EasyTrain.fit(trainer, settings.epochs(), train, test);
                }
                EnergyReport report = energy.finish();
                saveModel(model);
                return record(variant, recorder.getPoints(), trainSize, report);
            }
        }
    }

    private RunRecord record(
            Variant variant, List<EpochPoint> points, int trainSize, EnergyReport energy) {
        double last = points.get(points.size() - 1).testAccuracy();
        double best = points.stream().mapToDouble(EpochPoint::testAccuracy).max().orElse(last);
        String method =
                energy.components().stream()
                        .map(c -> c.component() + ":" + c.method())
                        .collect(Collectors.joining(","));
        return new RunRecord(
                variant.name(),
                settings.seed(),
                shared,
                last,
                best,
                points.stream().mapToDouble(EpochPoint::seconds).sum(),
                points.stream().mapToLong(EpochPoint::samples).sum(),
                points.stream().mapToLong(EpochPoint::samplerForwardPasses).sum(),
                (long) trainSize * settings.epochs(),
                energy.joules(),
                energy.grams(),
                energy.savedJoules(),
                energy.savedGrams(),
                settings.carbon(),
                method,
                List.copyOf(points));
    }

    private Tracker cosineSchedule(int trainSize) {
        int updatesPerEpoch = (trainSize + settings.batchSize() - 1) / settings.batchSize();
        return Tracker.cosine()
                .setBaseValue(settings.learningRate())
                .optFinalValue(settings.learningRate() / 100)
                .setMaxUpdates(updatesPerEpoch * settings.epochs())
                .build();
    }

    private void saveModel(Model model) throws IOException {
        if (settings.outputDirectory() != null) {
            Files.createDirectories(settings.outputDirectory());
            model.save(settings.outputDirectory(), model.getName());
        }
    }

    /**
     * Loads a split of Fashion-MNIST.
     *
     * @param manager the manager owning the arrays
     * @param directory the directory with the four gzip IDX files
     * @param split the split
     * @param batchSize the batch size
     * @param limit the maximum number of samples
     * @return the dataset
     * @throws IOException if the files are missing or malformed
     */
    public static ArrayDataset load(
            NDManager manager, Path directory, FashionMnist.Split split, int batchSize, int limit)
            throws IOException {
        return FashionMnist.builder()
                .optDirectory(directory)
                .optSplit(split)
                .optLimit(limit)
                .setSampling(batchSize, split == FashionMnist.Split.TRAIN)
                .build(manager);
    }
}
