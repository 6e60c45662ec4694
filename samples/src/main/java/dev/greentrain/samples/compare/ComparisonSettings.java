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
 * @param budget the fraction of the data budget samplers (DREAM, random subset) train per epoch
 * @param clustersPerClass the k-means clusters per class of the clustering samplers
 * @param reclusterInterval the epochs between two clusterings
 */
public record ComparisonSettings(
        String model,
        int trainSamples,
        int epochs,
        int batchSize,
        float learningRate,
        double pruneRatio,
        double delta,
        double budget,
        int clustersPerClass,
        int reclusterInterval) {

    /**
     * Returns whether a saved run made with other settings can stand for a run with these.
     *
     * @param saved the settings of the saved run
     * @param budgetMatters whether the variant uses the budget and clustering settings
     * @return {@code true} when every setting the variant depends on is equal
     */
    public boolean canReuse(ComparisonSettings saved, boolean budgetMatters) {
        if (budgetMatters) {
            return equals(saved);
        }
        return equals(
                new ComparisonSettings(
                        saved.model,
                        saved.trainSamples,
                        saved.epochs,
                        saved.batchSize,
                        saved.learningRate,
                        saved.pruneRatio,
                        saved.delta,
                        budget,
                        clustersPerClass,
                        reclusterInterval));
    }
}
