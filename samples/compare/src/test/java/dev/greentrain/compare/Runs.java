package dev.greentrain.compare;

import dev.greentrain.listeners.energy.CarbonIntensity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic comparison runs with known figures, for report tests that need no training. */
final class Runs {

    static final ComparisonSettings SETTINGS =
            new ComparisonSettings(
                    "synthetic",
                    Map.of("--lr", "0.002"),
                    1000,
                    4,
                    "accuracy",
                    true,
                    "lockstep",
                    8.0);
    static final BaselineVariant BASELINE = new BaselineVariant();
    static final InfoBatchVariant INFOBATCH = new InfoBatchVariant();
    static final RandomPruningVariant RANDOM = new RandomPruningVariant(INFOBATCH);
    static final List<Variant> VARIANTS = List.of(BASELINE, INFOBATCH, RANDOM);

    private Runs() {}

    /**
     * A run of four epochs training the given samples per epoch, at the given accuracies: 0.01 s
     * and 0.1 J per trained sample, 0.5 s and 5 J per evaluation of 100 samples.
     */
    static RunRecord run(Variant variant, long seed, long[] samples, double[] accuracy) {
        List<EpochPoint> points = new ArrayList<>();
        for (int e = 0; e < samples.length; e++) {
            points.add(
                    new EpochPoint(
                            e,
                            samples[e],
                            100,
                            0,
                            samples[e] * 0.01,
                            0.5,
                            0,
                            samples[e] * 0.1,
                            5,
                            0,
                            accuracy[e],
                            0,
                            java.util.Map.of()));
        }
        long trained = java.util.Arrays.stream(samples).sum();
        return new RunRecord(
                variant.name(),
                variant.parameters(),
                seed,
                SETTINGS,
                (4000 - trained) * 0.1,
                "cpu:cpu-model",
                false,
                CarbonIntensity.worldAverage(),
                points,
                Map.of());
    }

    /** Baseline, InfoBatch and random runs of three seeds. */
    static List<RunRecord> threeSeeds() {
        List<RunRecord> runs = new ArrayList<>();
        long[] full = {1000, 1000, 1000, 1000};
        long[] pruned = {1000, 600, 600, 1000};
        for (int seed = 1; seed <= 3; seed++) {
            double base = 0.80 + seed * 0.01;
            runs.add(run(BASELINE, seed, full, new double[] {0.6, 0.7, 0.75, base}));
            runs.add(
                    run(
                            INFOBATCH,
                            seed,
                            pruned,
                            new double[] {0.6, 0.68, 0.74, base - 0.001 * seed}));
            runs.add(run(RANDOM, seed, pruned, new double[] {0.6, 0.66, 0.72, base - 0.01}));
        }
        return runs;
    }
}
