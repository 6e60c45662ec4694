package dev.greentrain.samples.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.samples.RunResult;
import dev.greentrain.samples.TrainingRun;
import dev.greentrain.samples.TrainingSettings;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.model.Models;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the overhead of the one-line entry point: InfoBatchTrain.fit with r = 0 against plain
 * EasyTrain.fit on the same data and seed, in interleaved pairs, and prints every ratio.
 */
@Command(
        name = "overhead-benchmark",
        mixinStandardHelpOptions = true,
        description = "Paired wall-time ratio of InfoBatchTrain.fit (r = 0) to EasyTrain.fit.")
public final class OverheadBenchmark implements Callable<Integer> {

    @Option(names = "--pairs", description = "Number of pairs (default: ${DEFAULT-VALUE}).")
    int pairs = 4;

    @Option(names = "--epochs", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs = 1;

    @Option(
            names = "--train-limit",
            description = "Training samples per run (default: ${DEFAULT-VALUE}).")
    int trainLimit = 20_000;

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
        TrainingSettings settings = new TrainingSettings(epochs, 128, 0.002f, 0.0, 0.875, 42, null);
        TrainingRun run = new TrainingRun(Models::smallCnn, settings);
        List<Double> ratios = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train =
                    TrainingRun.load(
                            manager, dataDirectory, FashionMnist.Split.TRAIN, 128, trainLimit);
            ArrayDataset test =
                    TrainingRun.load(manager, dataDirectory, FashionMnist.Split.TEST, 128, 1000);
            run.run(false, train, test); // warm-up: JIT and the native library
            for (int pair = 0; pair < pairs; pair++) {
                // alternate which variant goes first, so drift on the machine hits both alike
                boolean easyFirst = pair % 2 == 0;
                RunResult first = run.run(!easyFirst, train, test);
                RunResult second = run.run(easyFirst, train, test);
                RunResult easy = easyFirst ? first : second;
                RunResult pruned = easyFirst ? second : first;
                double ratio = pruned.trainSeconds() / easy.trainSeconds();
                ratios.add(ratio);
                System.out.printf(
                        "pair %d: EasyTrain.fit %.2f s, InfoBatchTrain.fit (r=0) %.2f s, ratio"
                                + " %.4f%n",
                        pair + 1, easy.trainSeconds(), pruned.trainSeconds(), ratio);
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median =
                sorted.length % 2 == 1
                        ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(
                "Overhead of InfoBatchTrain.fit (r=0) vs EasyTrain.fit: median ratio %.4f"
                        + " (%+.2f%%) over %d pairs, ratios %s%n",
                median, 100 * (median - 1), pairs, Arrays.toString(sorted));
        return 0;
    }
}
