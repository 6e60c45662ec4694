package dev.greentrain.samples;

import dev.greentrain.infobatch.InfoBatch;
import java.nio.file.Path;

/**
 * The settings of a Fashion-MNIST training run.
 *
 * @param epochs the number of epochs
 * @param batchSize the batch size
 * @param learningRate the peak learning rate of the cosine schedule
 * @param pruneRatio InfoBatch's prune ratio r
 * @param delta InfoBatch's annealing fraction delta
 * @param seed the seed of the model initialisation, data order and pruner
 * @param outputDirectory where to save models and pruning state, or {@code null}
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        float learningRate,
        double pruneRatio,
        double delta,
        long seed,
        Path outputDirectory) {

    /**
     * Returns InfoBatch's settings; the dataset size and epochs are filled in by the trainer.
     *
     * @return a builder with r, delta and the seed set
     */
    public InfoBatch.Builder infoBatch() {
        return InfoBatch.builder().optPruneRatio(pruneRatio).optDelta(delta).optSeed(seed);
    }
}
