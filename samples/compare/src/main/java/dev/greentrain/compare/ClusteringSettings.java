package dev.greentrain.compare;

import java.util.Map;

/** The settings the clustering variants share, checked with the flag that sets them. */
final class ClusteringSettings {

    private ClusteringSettings() {}

    static int checkClusters(int clustersPerClass) {
        if (clustersPerClass < 1) {
            throw new IllegalArgumentException(
                    "--clusters " + clustersPerClass + " is invalid: it must be at least 1.");
        }
        return clustersPerClass;
    }

    static int checkInterval(int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException(
                    "--recluster-interval "
                            + interval
                            + " is invalid: it must be at least 1 epoch.");
        }
        return interval;
    }

    static Map<String, String> parameters(double budget, int clusters, int interval) {
        return Map.of(
                "--budget",
                String.valueOf(budget),
                "--clusters",
                String.valueOf(clusters),
                "--recluster-interval",
                String.valueOf(interval));
    }
}
