package dev.greentrain.samples.compare;

import dev.greentrain.listeners.energy.CarbonIntensity;
import java.util.ArrayList;
import java.util.List;

/** Synthetic comparison runs with known figures, for report tests that need no training. */
final class Runs {

    static final ComparisonSettings SETTINGS =
            new ComparisonSettings("cnn", 1000, 4, 100, 0.002f, 0.5, 0.875, 0.65, 64, 1, 8.0);

    private Runs() {}

    /** A run of four epochs training the given samples per epoch, at the given accuracies. */
    static RunRecord run(
            String variant, long seed, long[] samples, double secondsPerSample, double[] accuracy) {
        List<EpochPoint> points = new ArrayList<>();
        long total = 0;
        double seconds = 0;
        for (int e = 0; e < samples.length; e++) {
            points.add(
                    new EpochPoint(e, samples[e], 0, samples[e] * secondsPerSample, accuracy[e]));
            total += samples[e];
            seconds += samples[e] * secondsPerSample;
        }
        double joules = 10 * seconds;
        double saved = (4000 - total) * secondsPerSample * 10;
        return new RunRecord(
                variant,
                seed,
                SETTINGS,
                accuracy[accuracy.length - 1],
                java.util.Arrays.stream(accuracy).max().orElseThrow(),
                seconds,
                total,
                0,
                4000,
                joules,
                joules * 475 / 3.6e6,
                saved,
                saved * 475 / 3.6e6,
                CarbonIntensity.worldAverage(),
                "cpu:cpu-model",
                points);
    }

    /** Baseline, InfoBatch and random runs of three seeds. */
    static List<RunRecord> threeSeeds() {
        List<RunRecord> runs = new ArrayList<>();
        long[] full = {1000, 1000, 1000, 1000};
        long[] pruned = {1000, 600, 600, 1000};
        for (int seed = 1; seed <= 3; seed++) {
            double base = 0.80 + seed * 0.01;
            runs.add(run("baseline", seed, full, 0.01, new double[] {0.6, 0.7, 0.75, base}));
            runs.add(
                    run(
                            "infobatch",
                            seed,
                            pruned,
                            0.01,
                            new double[] {0.6, 0.68, 0.74, base - 0.001 * seed}));
            runs.add(
                    run("random", seed, pruned, 0.01, new double[] {0.6, 0.66, 0.72, base - 0.01}));
        }
        return runs;
    }
}
