package dev.greentrain.samples.compare;

/**
 * The settings every run of one comparison shares; a resumed comparison only reuses runs made with
 * equal settings.
 *
 * @param model the network's name
 * @param trainSamples the number of training samples
 * @param epochs the number of epochs
 * @param batchSize the batch size
 * @param learningRate the peak learning rate
 * @param pruneRatio InfoBatch's prune ratio r
 * @param delta InfoBatch's annealing fraction delta
 */
public record ComparisonSettings(
        String model,
        int trainSamples,
        int epochs,
        int batchSize,
        float learningRate,
        double pruneRatio,
        double delta) {}
