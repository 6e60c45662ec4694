package dev.greentrain.samples.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * @param cpuTdpWatts the TDP of the CPU energy model, which scales every modelled joule
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
        int reclusterInterval,
        double cpuTdpWatts) {

    /**
     * Lists, by command-line flag, the settings a variant depends on that differ in a saved run.
     *
     * @param saved the settings of the saved run
     * @param budgetMatters whether the variant uses the budget and clustering settings
     * @return one entry per differing setting, e.g. {@code --epochs 4 (saved) vs 8 (now)}
     */
    public List<String> differences(ComparisonSettings saved, boolean budgetMatters) {
        List<String> differences = new ArrayList<>();
        compare(differences, "--model", saved.model, model);
        compare(differences, "--train-limit (training samples)", saved.trainSamples, trainSamples);
        compare(differences, "--epochs", saved.epochs, epochs);
        compare(differences, "--batch-size", saved.batchSize, batchSize);
        compare(differences, "--lr", saved.learningRate, learningRate);
        compare(differences, "--prune-ratio", saved.pruneRatio, pruneRatio);
        compare(differences, "--delta", saved.delta, delta);
        compare(differences, "--cpu-tdp", saved.cpuTdpWatts, cpuTdpWatts);
        if (budgetMatters) {
            compare(differences, "--budget", saved.budget, budget);
            compare(differences, "--clusters", saved.clustersPerClass, clustersPerClass);
            compare(
                    differences,
                    "--recluster-interval",
                    saved.reclusterInterval,
                    reclusterInterval);
        }
        return differences;
    }

    private static void compare(List<String> differences, String flag, Object saved, Object now) {
        if (!saved.equals(now)) {
            differences.add(
                    String.format(Locale.ROOT, "%s %s (saved) vs %s (now)", flag, saved, now));
        }
    }
}
