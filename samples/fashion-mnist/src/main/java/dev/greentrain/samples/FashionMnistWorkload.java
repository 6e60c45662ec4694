package dev.greentrain.samples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.compare.DecidingMetric;
import dev.greentrain.compare.Workload;
import dev.greentrain.compare.WorkloadData;
import dev.greentrain.samples.data.FashionMnist;
import dev.greentrain.samples.data.LabelNoise;
import dev.greentrain.samples.data.LongTail;
import dev.greentrain.samples.model.Models;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo workload: a small CNN (or an MLP) on Fashion-MNIST, Adam with a cosine schedule written
 * in full-data updates, validation accuracy on the test set deciding.
 */
public final class FashionMnistWorkload {

    /** The network to train. */
    public enum Network {
        /** The small CNN. */
        CNN,
        /** The multilayer perceptron. */
        MLP
    }

    private FashionMnistWorkload() {}

    /**
     * Loads the data, made harder as asked, and describes the workload. With label noise each
     * seed's training labels get their own noise, drawn from the run seed ({@link LabelNoise});
     * with a long tail ({@link LongTail}) the tail-class accuracy is reported beside the overall
     * one. Both are workload settings, so saved runs made without them are not reused.
     *
     * @param manager the manager that owns the data arrays
     * @param dataDirectory the directory with the four gzip IDX files
     * @param trainLimit train on the first n samples only (before the long tail is cut)
     * @param batchSize the batch size
     * @param learningRate the cosine schedule's peak learning rate
     * @param network the network
     * @param epochs the epochs every arm trains
     * @param metric the deciding metric with its margin
     * @param difficulty the label noise and class imbalance of the training set
     * @return the workload
     * @throws IOException if the data files are missing or malformed
     */
    public static Workload create(
            NDManager manager,
            Path dataDirectory,
            int trainLimit,
            int batchSize,
            float learningRate,
            Network network,
            int epochs,
            DecidingMetric metric,
            Difficulty difficulty)
            throws IOException {
        FashionMnist.Builder trainSplit =
                FashionMnist.builder()
                        .optDirectory(dataDirectory)
                        .optSplit(FashionMnist.Split.TRAIN)
                        .optLimit(trainLimit)
                        .setSampling(batchSize, true);
        if (difficulty.isLongTailed()) {
            trainSplit.optLongTail(difficulty.longTail());
        }
        FashionMnist.Loaded train = trainSplit.load(manager);
        ArrayDataset clean = train.dataset(manager, train.labels());
        ArrayDataset test =
                load(manager, dataDirectory, FashionMnist.Split.TEST, batchSize, Integer.MAX_VALUE);
        int updatesPerEpoch = (Math.toIntExact(clean.size()) + batchSize - 1) / batchSize;
        Workload.Builder workload =
                Workload.builder()
                        .setName("fashion-mnist")
                        .setData(
                                seed ->
                                        new WorkloadData(
                                                difficulty.labelNoise() > 0
                                                        ? train.dataset(
                                                                manager,
                                                                LabelNoise.apply(
                                                                        train.labels(),
                                                                        FashionMnist.NUM_CLASSES,
                                                                        difficulty.labelNoise(),
                                                                        seed))
                                                        : clean,
                                                test))
                        .setBlock(network == Network.CNN ? Models::smallCnn : Models::mlp)
                        .setTrainingConfig(
                                schedules ->
                                        withTailAccuracy(
                                                        difficulty,
                                                        new DefaultTrainingConfig(
                                                                        Loss
                                                                                .softmaxCrossEntropyLoss())
                                                                .addEvaluator(new Accuracy()))
                                                .optOptimizer(
                                                        Optimizer.adam()
                                                                .optLearningRateTracker(
                                                                        schedules.align(
                                                                                Tracker.cosine()
                                                                                        .setBaseValue(
                                                                                                learningRate)
                                                                                        .optFinalValue(
                                                                                                learningRate
                                                                                                        / 100)
                                                                                        .setMaxUpdates(
                                                                                                updatesPerEpoch
                                                                                                        * epochs)
                                                                                        .build()))
                                                                .build()))
                        .setEpochs(epochs)
                        .setInputShapes(
                                new Shape(
                                        batchSize,
                                        1,
                                        FashionMnist.IMAGE_SIZE,
                                        FashionMnist.IMAGE_SIZE))
                        .optMetric(metric)
                        .optSetting("--model", network.name().toLowerCase(Locale.ROOT))
                        .optSetting("--batch-size", batchSize)
                        .optSetting("--lr", learningRate);
        if (difficulty.labelNoise() > 0) {
            workload.optSetting("--label-noise", difficulty.labelNoise());
        }
        if (difficulty.isLongTailed()) {
            workload.optSetting("--long-tail", difficulty.longTail())
                    .optReportedMetric(TAIL_ACCURACY, TailClassAccuracy.NAME);
        }
        return workload.build();
    }

    /** The report name of the accuracy over the 3 smallest classes of a long-tailed set. */
    public static final String TAIL_ACCURACY = "tail-class accuracy";

    private static DefaultTrainingConfig withTailAccuracy(
            Difficulty difficulty, DefaultTrainingConfig config) {
        return difficulty.isLongTailed()
                ? config.addEvaluator(
                        new TailClassAccuracy(LongTail.firstTailClass(FashionMnist.NUM_CLASSES)))
                : config;
    }

    /**
     * Loads a split of Fashion-MNIST.
     *
     * @param manager the manager owning the arrays
     * @param directory the directory with the four gzip IDX files
     * @param split the split
     * @param batchSize the batch size
     * @param limit the maximum number of samples
     * @return the dataset, shuffled each epoch when it is the training split
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
