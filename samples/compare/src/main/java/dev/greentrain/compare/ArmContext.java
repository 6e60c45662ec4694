package dev.greentrain.compare;

import ai.djl.Model;
import ai.djl.training.dataset.RandomAccessDataset;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.Embedder;
import dev.greentrain.randompruning.RandomPruning;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/** What a {@link Variant} may use to build the policy of one arm. */
public final class ArmContext {

    private final RandomAccessDataset train;
    private final int epochs;
    private final long seed;
    private final Model model;
    private final Function<Variant, SampleCounts> samplesPerEpoch;
    private ReplaceableTrainingSet replaceable;

    ArmContext(
            RandomAccessDataset train,
            int epochs,
            long seed,
            Model model,
            Function<Variant, SampleCounts> samplesPerEpoch) {
        this.train = train;
        this.epochs = epochs;
        this.seed = seed;
        this.model = model;
        this.samplesPerEpoch = samplesPerEpoch;
    }

    /**
     * Returns the training set.
     *
     * @return the workload's training set for this seed
     */
    public RandomAccessDataset train() {
        return train;
    }

    /**
     * Returns the training set as one the arm's policy may replace, once, by a set it derives from
     * it in its first planned epoch (CLC's synthetic points); the arm then trains that set, and its
     * policy is built for the original's size.
     *
     * @return the replaceable training set, the same on every call
     */
    public ReplaceableTrainingSet replaceableTrain() {
        if (replaceable == null) {
            replaceable = new ReplaceableTrainingSet(train);
        }
        return replaceable;
    }

    /**
     * Returns the set the arm iterates: the replaceable one if the policy asked for it, else the
     * training set.
     *
     * @return the dataset the arm's pruned dataset wraps
     */
    RandomAccessDataset trainedSet() {
        return replaceable != null ? replaceable : train;
    }

    /**
     * Returns the number of training samples.
     *
     * @return the training set's size
     */
    public int datasetSize() {
        return Math.toIntExact(train.size());
    }

    /**
     * Returns the number of epochs the arm trains.
     *
     * @return at least 1
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns the seed of the arm, for the policy's own generator.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the freshly initialised model the arm trains.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * Returns the samples another arm of the same seed trains per epoch, for variants that follow
     * it; the other arm is a prerequisite, so it has planned an epoch before this arm asks.
     *
     * @param other a prerequisite of the asking variant
     * @return the other arm's sample count of an epoch
     */
    public IntUnaryOperator samplesPerEpochOf(Variant other) {
        return samplesPerEpoch.apply(other).planned();
    }

    /**
     * Returns the samples another arm of the same seed trains or expects to train per epoch, for
     * the energy forecasts of variants that follow it.
     *
     * @param other a prerequisite of the asking variant
     * @return the other arm's planned count of an epoch, else its forecast
     */
    public IntUnaryOperator forecastSamplesOf(Variant other) {
        return samplesPerEpoch.apply(other).forecast();
    }

    /**
     * Returns the per-class clustering of the training set on the model's current features, seeded
     * with the arm's seed.
     *
     * @param clustersPerClass the k-means clusters per class
     * @param interval the epochs between two clusterings
     * @return a new clustering, computed when a sampler first asks for it
     */
    public Clustering featureClustering(int clustersPerClass, int interval) {
        return Clustering.builder()
                .setDataset(train)
                .setEmbedder(Embedder.features(model.getBlock()))
                .optClustersPerClass(clustersPerClass)
                .optInterval(interval)
                .optSeed(seed)
                .build();
    }

    /**
     * Returns uniform random pruning of the training set with given per-epoch sample counts, seeded
     * with the arm's seed.
     *
     * @param samplesPerEpoch the samples to train in an epoch, asked for when it is planned
     * @param forecast the samples expected in an epoch not planned yet, for energy forecasts
     * @return the policy
     */
    public RandomPruning randomSubsets(
            IntUnaryOperator samplesPerEpoch, IntUnaryOperator forecast) {
        return RandomPruning.builder()
                .setDatasetSize(datasetSize())
                .setSamplesPerEpoch(epochs, samplesPerEpoch)
                .optForecast(forecast)
                .optSeed(seed)
                .build();
    }
}
