package dev.greentrain.samples;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.EnergyMetrics;
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
 * @param carbon the carbon intensity and PUE for the CO2 figures
 * @param cpuTdpWatts the TDP of the CPU energy model (used when RAPL is absent)
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        float learningRate,
        double pruneRatio,
        double delta,
        long seed,
        Path outputDirectory,
        CarbonIntensity carbon,
        double cpuTdpWatts) {

    /**
     * Returns the same settings for another seed, saving models in another directory.
     *
     * @param newSeed the seed
     * @param newOutputDirectory where to save the model, or {@code null}
     * @return the settings of that run
     */
    public TrainingSettings forRun(long newSeed, Path newOutputDirectory) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                pruneRatio,
                delta,
                newSeed,
                newOutputDirectory,
                carbon,
                cpuTdpWatts);
    }

    /**
     * Returns InfoBatch's settings; the dataset size and epochs are filled in by the trainer.
     *
     * @return a builder with r, delta and the seed set
     */
    public InfoBatch.Builder infoBatch() {
        return InfoBatch.builder().optPruneRatio(pruneRatio).optDelta(delta).optSeed(seed);
    }

    /**
     * Returns the energy measurement's settings for one run.
     *
     * @return a builder with the carbon intensity and the CPU model's TDP set
     */
    public EnergyMetrics.Builder energy() {
        return EnergyMetrics.builder().optCarbon(carbon).optCpuTdp(cpuTdpWatts);
    }
}
