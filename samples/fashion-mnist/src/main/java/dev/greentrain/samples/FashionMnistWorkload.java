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
import dev.greentrain.samples.data.FashionMnist;
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
     * Loads the data and describes the workload.
     *
     * @param manager the manager that owns the data arrays
     * @param dataDirectory the directory with the four gzip IDX files
     * @param trainLimit train on the first n samples only
     * @param batchSize the batch size
     * @param learningRate the cosine schedule's peak learning rate
     * @param network the network
     * @param epochs the epochs every arm trains
     * @param metric the deciding metric with its margin
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
            DecidingMetric metric)
            throws IOException {
        ArrayDataset train =
                load(manager, dataDirectory, FashionMnist.Split.TRAIN, batchSize, trainLimit);
        ArrayDataset test =
                load(manager, dataDirectory, FashionMnist.Split.TEST, batchSize, Integer.MAX_VALUE);
        int updatesPerEpoch = (Math.toIntExact(train.size()) + batchSize - 1) / batchSize;
        return Workload.builder()
                .setName("fashion-mnist")
                .setData(train, test)
                .setBlock(network == Network.CNN ? Models::smallCnn : Models::mlp)
                .setTrainingConfig(
                        schedules ->
                                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                        .addEvaluator(new Accuracy())
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
                        new Shape(batchSize, 1, FashionMnist.IMAGE_SIZE, FashionMnist.IMAGE_SIZE))
                .optMetric(metric)
                .optSetting("--model", network.name().toLowerCase(Locale.ROOT))
                .optSetting("--batch-size", batchSize)
                .optSetting("--lr", learningRate)
                .build();
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
