package dev.greentrain.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The settings every arm of one comparison shares and that change its results; a resumed comparison
 * only reuses runs made with equal settings.
 *
 * @param workload the workload's name
 * @param workloadSettings the workload's own settings (learning rate, batch size, ...) by name
 * @param trainSamples the number of training samples
 * @param epochs the number of epochs
 * @param metric the deciding metric's name
 * @param higherIsBetter whether a higher metric is better
 * @param schedule how the arms of a seed were run, {@code lockstep} or {@code sequential}
 * @param cpuTdpWatts the TDP of the CPU energy model, which scales every modelled joule
 */
public record ComparisonSettings(
        String workload,
        Map<String, String> workloadSettings,
        int trainSamples,
        int epochs,
        String metric,
        boolean higherIsBetter,
        String schedule,
        double cpuTdpWatts) {

    /** Copies the workload settings. */
    public ComparisonSettings {
        workloadSettings = Map.copyOf(workloadSettings);
    }

    /**
     * Lists, by the name that sets them, the settings that differ in a saved run.
     *
     * @param saved the settings of the saved run
     * @return one entry per differing setting, e.g. {@code --epochs 4 (saved) vs 8 (now)}
     */
    public List<String> differences(ComparisonSettings saved) {
        List<String> differences = new ArrayList<>();
        compare(differences, "workload", saved.workload, workload);
        compare(differences, "training samples", saved.trainSamples, trainSamples);
        compare(differences, "--epochs", saved.epochs, epochs);
        compare(differences, "metric", saved.metric, metric);
        compare(differences, "--schedule", saved.schedule, schedule);
        compare(differences, "--cpu-tdp", saved.cpuTdpWatts, cpuTdpWatts);
        differences.addAll(differences(saved.workloadSettings, workloadSettings));
        return differences;
    }

    /**
     * Lists the entries of two setting maps that differ.
     *
     * @param saved the saved settings
     * @param now the current settings
     * @return e.g. {@code --lr 0.002 (saved) vs 0.01 (now)}
     */
    static List<String> differences(Map<String, String> saved, Map<String, String> now) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(saved.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            compare(differences, key, saved.get(key), now.get(key));
        }
        return differences;
    }

    private static void compare(List<String> differences, String name, Object saved, Object now) {
        if (!Objects.equals(saved, now)) {
            differences.add(
                    String.format(Locale.ROOT, "%s %s (saved) vs %s (now)", name, saved, now));
        }
    }
}
