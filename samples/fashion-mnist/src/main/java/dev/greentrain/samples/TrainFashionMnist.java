package dev.greentrain.samples;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.SaveModelTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import dev.greentrain.samples.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DJL's {@code TrainMnist} example (an MLP with hidden layers of 128 and 64, softmax cross-entropy,
 * DJL's default logging listeners, a model saved every epoch) on Fashion-MNIST, with the one-line
 * change that adopts InfoBatch: {@code EasyTrain.fit} becomes {@code InfoBatchTrain.fit}.
 */
@Command(
        name = "train-fashion-mnist",
        mixinStandardHelpOptions = true,
        version = "GreenTrain 0.1.0-SNAPSHOT: DJL's TrainMnist on Fashion-MNIST with InfoBatch",
        description =
                "Trains DJL's TrainMnist MLP on Fashion-MNIST with InfoBatch, printing a line per"
                        + " epoch and, at the end, the pruning summary.")
public final class TrainFashionMnist implements Callable<Integer> {

    @Option(
            names = {"-e", "--epochs"},
            defaultValue = "5",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(
            names = {"-b", "--batch-size"},
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(
            names = "--limit",
            description = "Train on the first n samples only (default: all 60,000).")
    private Integer limit;

    @Option(
            names = "--data-dir",
            defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Directory with the four gzip IDX files (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(
            names = {"-o", "--output-dir"},
            defaultValue = "build/model",
            description = "Where the model is saved (default: ${DEFAULT-VALUE}).")
    private String outputDir;

    /**
     * Runs the example.
     *
     * @param args the command line, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainFashionMnist()).execute(args));
    }

    /** {@inheritDoc} */
    @Override
    public Integer call() throws IOException, TranslateException {
        train();
        return 0;
    }

    /**
     * Trains the MLP and returns DJL's training result, as {@code TrainMnist.runExample} does.
     *
     * @return the training result
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public TrainingResult train() throws IOException, TranslateException {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("mlp")) {
            model.setBlock(mlp());
            RandomAccessDataset trainingSet = dataset(manager, FashionMnist.Split.TRAIN, limit);
            RandomAccessDataset validateSet = dataset(manager, FashionMnist.Split.TEST, null);
            DefaultTrainingConfig config = setupTrainingConfig(model);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(
                        new Shape(1, 1, FashionMnist.IMAGE_SIZE, FashionMnist.IMAGE_SIZE));
                dev.greentrain.training.InfoBatchTrain.fit(
                        trainer, epochs, trainingSet, validateSet);
                return trainer.getTrainingResult();
            }
        }
    }

    /** The MLP of DJL's {@code TrainMnist}: 784 - 128 - 64 - 10 with ReLU. */
    private static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(64).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(FashionMnist.NUM_CLASSES).build());
    }

    private DefaultTrainingConfig setupTrainingConfig(Model model) {
        SaveModelTrainingListener saver = new SaveModelTrainingListener(outputDir);
        saver.setSaveModelCallback(
                trainer -> {
                    TrainingResult result = trainer.getTrainingResult();
                    model.setProperty(
                            "Accuracy",
                            String.format(
                                    Locale.ROOT, "%.5f", result.getValidateEvaluation("Accuracy")));
                    model.setProperty(
                            "Loss", String.format(Locale.ROOT, "%.5f", result.getValidateLoss()));
                });
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .addEvaluator(new Accuracy())
                .addTrainingListeners(TrainingListener.Defaults.logging(outputDir))
                .addTrainingListeners(saver)
                .addTrainingListeners(new EpochLine(epochs));
    }

    private RandomAccessDataset dataset(
            NDManager manager, FashionMnist.Split split, Integer samples) throws IOException {
        FashionMnist.Builder builder =
                FashionMnist.builder()
                        .optDirectory(dataDir)
                        .optSplit(split)
                        .setSampling(batchSize, split == FashionMnist.Split.TRAIN);
        if (samples != null) {
            builder.optLimit(samples);
        }
        return builder.build(manager);
    }
}
