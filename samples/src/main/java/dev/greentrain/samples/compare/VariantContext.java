package dev.greentrain.samples.compare;

import ai.djl.Model;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.Embedder;
import dev.greentrain.randompruning.RandomPruning;
import dev.greentrain.samples.TrainingSettings;
import java.util.Map;

/**
 * What a {@link Variant} may use to build the policy of one run.
 *
 * @param train the training set
 * @param epochs the number of epochs of the run
 * @param settings the run's settings, with its seed
 * @param shared the settings every run of the comparison shares (budget, clusters, ...)
 * @param model the freshly initialised model the run trains
 * @param sameSeedRuns the finished runs of the same seed, by variant name
 */
public record VariantContext(
        ArrayDataset train,
        int epochs,
        TrainingSettings settings,
        ComparisonSettings shared,
        Model model,
        Map<String, RunRecord> sameSeedRuns) {

    /**
     * Returns the number of training samples.
     *
     * @return the training set's size
     */
    public int datasetSize() {
        return Math.toIntExact(train.size());
    }

    /**
     * Returns the per-class clustering of the training set on the model's current features, with
     * the comparison's clusters per class, re-clustering interval and the run's seed.
     *
     * @return a new clustering, computed when a sampler first asks for it
     */
    public Clustering featureClustering() {
        return Clustering.builder()
                .setDataset(train)
                .setEmbedder(Embedder.features(model.getBlock()))
                .optClustersPerClass(shared.clustersPerClass())
                .optInterval(shared.reclusterInterval())
                .optSeed(settings.seed())
                .build();
    }

    /**
     * Returns uniform random pruning of the training set with given per-epoch sample counts, seeded
     * with the run's seed.
     *
     * @param samplesPerEpoch the samples to train in every epoch
     * @return the policy
     */
    public RandomPruning randomSubsets(int[] samplesPerEpoch) {
        return RandomPruning.builder()
                .setDatasetSize(datasetSize())
                .setSamplesPerEpoch(samplesPerEpoch)
                .optSeed(settings.seed())
                .build();
    }

    /**
     * Returns the finished run of another variant with the same seed.
     *
     * @param variant the variant's name
     * @return its run
     * @throws IllegalStateException if that run has not finished
     */
    public RunRecord requireRun(String variant) {
        RunRecord run = sameSeedRuns.get(variant);
        if (run == null) {
            throw new IllegalStateException(
                    "The "
                            + variant
                            + " run of seed "
                            + settings.seed()
                            + " has not finished; list "
                            + variant
                            + " in --variants so it runs first.");
        }
        return run;
    }
}
