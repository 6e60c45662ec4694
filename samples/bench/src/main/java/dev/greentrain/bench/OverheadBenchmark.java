package dev.greentrain.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.samples.FashionMnistWorkload;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.model.Models;
import dev.greentrain.training.InfoBatchTrain;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the overhead of the one-line entry point: {@code InfoBatchTrain.fit} with r = 0 against
 * plain {@code EasyTrain.fit}, training two identical models epoch by epoch in alternation (so
 * drift on a shared machine hits both alike), and prints the median of the paired epoch-time
 * ratios.
 */
@Command(
        name = "overhead-benchmark",
        mixinStandardHelpOptions = true,
        description = "Paired wall-time ratio of InfoBatchTrain.fit (r = 0) to EasyTrain.fit.")
public final class OverheadBenchmark implements Callable<Integer> {

    @Option(names = "--pairs", description = "Epoch pairs measured (default: ${DEFAULT-VALUE}).")
    int pairs = 16;

    @Option(
            names = "--train-limit",
            description = "Training samples per epoch (default: ${DEFAULT-VALUE}).")
    int trainLimit = 12_800;

    @Option(
            names = "--data-dir",
            description = "Fashion-MNIST directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = FashionMnist.DEFAULT_DIRECTORY;

    /**
     * Runs the benchmark.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new OverheadBenchmark()).execute(args));
    }

    /** {@inheritDoc} */
    @Override
    public Integer call() throws Exception {
        double[] ratios = new double[pairs];
        try (NDManager manager = NDManager.newBaseManager();
                Model easyModel = model();
                Model prunedModel = model();
                Trainer easy = trainer(easyModel);
                Trainer pruned = trainer(prunedModel)) {
            ArrayDataset train =
                    FashionMnistWorkload.load(
                            manager, dataDirectory, FashionMnist.Split.TRAIN, 128, trainLimit);
            InfoBatch.Builder noPruning = InfoBatch.builder().optPruneRatio(0);
            // warm-up: JIT and the native library, both paths
            EasyTrain.fit(easy, 1, train, null);
            InfoBatchTrain.fit(pruned, 1, train, null, noPruning);
            for (int pair = 0; pair < pairs; pair++) {
                double easySeconds;
                double prunedSeconds;
                if (pair % 2 == 0) {
                    easySeconds = time(() -> EasyTrain.fit(easy, 1, train, null));
                    prunedSeconds =
                            time(() -> InfoBatchTrain.fit(pruned, 1, train, null, noPruning));
                } else {
                    prunedSeconds =
                            time(() -> InfoBatchTrain.fit(pruned, 1, train, null, noPruning));
                    easySeconds = time(() -> EasyTrain.fit(easy, 1, train, null));
                }
                ratios[pair] = prunedSeconds / easySeconds;
                System.out.printf(
                        "pair %d: EasyTrain.fit %.3f s, InfoBatchTrain.fit (r=0) %.3f s, ratio"
                                + " %.4f%n",
                        pair + 1, easySeconds, prunedSeconds, ratios[pair]);
            }
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "Overhead of InfoBatchTrain.fit (r=0) vs EasyTrain.fit: median ratio %.4f"
                        + " (%+.2f%%), quartiles %.4f..%.4f, over %d epoch pairs of %,d samples%n",
                quantile(sorted, 0.5),
                100 * (quantile(sorted, 0.5) - 1),
                quantile(sorted, 0.25),
                quantile(sorted, 0.75),
                pairs,
                trainLimit);
        return 0;
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static Model model() {
        Engine.getInstance().setRandomSeed(42);
        Model model = Model.newInstance("overhead");
        model.setBlock(Models.smallCnn());
        return model;
    }

    private static Trainer trainer(Model model) {
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .addEvaluator(new Accuracy())
                        .optOptimizer(
                                Optimizer.adam()
                                        .optLearningRateTracker(Tracker.fixed(0.001f))
                                        .build())
                        .addTrainingListeners(TrainingListener.Defaults.basic());
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(128, 1, 28, 28));
        return trainer;
    }

    private static double time(Fit fit) throws Exception {
        long start = System.nanoTime();
        fit.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** One call to a fit method. */
    @FunctionalInterface
    private interface Fit {
        void run() throws Exception;
    }
}
