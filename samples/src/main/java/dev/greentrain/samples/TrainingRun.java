package dev.greentrain.samples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.energy.EnergyReport;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.training.EpochAlignedTracker;
import dev.greentrain.training.InfoBatchTrain;
import dev.greentrain.training.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Trains one model on Fashion-MNIST, with full data or with InfoBatch, and measures the run. */
public final class TrainingRun {

    private final String modelName;
    private final Supplier<Block> network;
    private final TrainingSettings settings;
    private final MetricsSetup metrics;

    /**
     * Creates a run.
     *
     * @param modelName the model's name, for the metrics' {@code model} tag
     * @param network creates the untrained network
     * @param settings the run's settings
     * @param metrics the metrics export, or {@code null} for none
     */
    public TrainingRun(
            String modelName,
            Supplier<Block> network,
            TrainingSettings settings,
            MetricsSetup metrics) {
        this.modelName = modelName;
        this.network = network;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Trains and evaluates one variant; every variant starts from the same initial weights.
     *
     * @param infoBatch whether to prune with InfoBatch (else full data with {@code EasyTrain})
     * @param train the training set
     * @param test the test set
     * @return what the run measured
     * @throws IOException if data or checkpoints cannot be read or written
     * @throws TranslateException if the data cannot be processed
     */
    public RunResult run(boolean infoBatch, ArrayDataset train, ArrayDataset test)
            throws IOException, TranslateException {
        int trainSize = Math.toIntExact(train.size());
        TrainingProgress progress = new TrainingProgress();
        EpochTimer timer = new EpochTimer();
        Tracker learningRate =
                EpochAlignedTracker.builder()
                        .setSchedule(cosineSchedule(trainSize))
                        .setProgress(progress)
                        .setEpochShape(trainSize, settings.batchSize())
                        .build();
        String variant = infoBatch ? "infobatch" : "baseline";
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .addEvaluator(new Accuracy())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).build())
                        .addTrainingListeners(TrainingListener.Defaults.logging())
                        .addTrainingListeners(progress, timer);
        EnergyMetrics energy = settings.energy().build();
        if (metrics != null) {
            config.addTrainingListeners(
                    metrics.listenersFor(
                                    variant, modelName, learningRate, energy, settings.epochs())
                            .toArray(TrainingListener[]::new));
        }
        try (Model model = Model.newInstance("fashion-mnist-" + variant)) {
            Engine.getInstance().setRandomSeed((int) settings.seed());
            model.setBlock(network.get());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), 1, 28, 28));
                ArrayDataset validation = settings.validateEveryEpoch() ? test : null;
                long start = System.nanoTime();
                long forwarded;
                if (infoBatch) {
                    InfoBatch pruner =
                            InfoBatchTrain.fit(
                                    trainer,
                                    settings.epochs(),
                                    train,
                                    validation,
                                    settings.infoBatch());
                    forwarded =
                            pruner.getEpochStats().stream()
                                    .mapToLong(EpochStats::samplesInEpoch)
                                    .sum();
                    for (EpochStats stats : pruner.getEpochStats()) {
                        printEpoch(stats, timer.getSeconds().get(stats.epoch()));
                    }
                    saveState(pruner);
                } else {
                    EasyTrain.fit(trainer, settings.epochs(), train, validation);
                    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                        System.out.printf(
                                "  epoch %d: %.1f s, trained %,d%n",
                                epoch,
                                timer.getSeconds().get(epoch),
                                timer.getSamples().get(epoch));
                    }
                    forwarded = (long) trainSize * settings.epochs();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                EnergyReport report = energy.finish();
                double accuracy = accuracy(trainer, test);
                saveModel(model);
                return new RunResult(
                        variant,
                        settings.epochs(),
                        accuracy,
                        forwarded,
                        (long) trainSize * settings.epochs(),
                        seconds,
                        report);
            }
        }
    }

    private static void printEpoch(EpochStats stats, double seconds) {
        System.out.printf(
                "  epoch %d: %.1f s, trained %,d of %,d (%.1f%% pruned), threshold %.4f,"
                        + " well-learned %.1f%%, weight %.2f%n",
                stats.epoch(),
                seconds,
                stats.samplesInEpoch(),
                stats.datasetSize(),
                100 * stats.prunedFraction(),
                stats.threshold(),
                100 * stats.wellLearnedFraction(),
                stats.upweight());
    }

    private Tracker cosineSchedule(int trainSize) {
        int updatesPerEpoch = (trainSize + settings.batchSize() - 1) / settings.batchSize();
        return Tracker.cosine()
                .setBaseValue(settings.learningRate())
                .optFinalValue(settings.learningRate() / 100)
                .setMaxUpdates(updatesPerEpoch * settings.epochs())
                .build();
    }

    private static double accuracy(Trainer trainer, ArrayDataset test)
            throws IOException, TranslateException {
        long correct = 0;
        long total = 0;
        ParameterStore parameters = new ParameterStore(trainer.getManager(), false);
        Block block = trainer.getModel().getBlock();
        for (Batch batch : test.getData(trainer.getManager())) {
            NDList logits = block.forward(parameters, batch.getData(), false);
            NDArray predicted = logits.head().argMax(1).toType(DataType.FLOAT32, false);
            correct += predicted.eq(batch.getLabels().head()).sum().getLong();
            total += batch.getSize();
            batch.close();
        }
        return (double) correct / total;
    }

    private void saveModel(Model model) throws IOException {
        if (settings.outputDirectory() != null) {
            Files.createDirectories(settings.outputDirectory());
            model.save(settings.outputDirectory(), model.getName());
        }
    }

    private void saveState(InfoBatch pruner) throws IOException {
        if (settings.outputDirectory() != null) {
            Files.createDirectories(settings.outputDirectory());
            pruner.save(settings.outputDirectory().resolve("infobatch.state"));
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
