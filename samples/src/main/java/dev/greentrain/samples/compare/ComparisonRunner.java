package dev.greentrain.samples.compare;

import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.samples.MetricsSetup;
import dev.greentrain.samples.TrainingRun;
import dev.greentrain.samples.TrainingSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs every variant for every seed, seed by seed so that the variants of a seed run close in time,
 * saving each run as it finishes and skipping runs an earlier, interrupted comparison finished.
 */
public final class ComparisonRunner {

    private final List<Variant> variants;
    private final List<Long> seeds;
    private final ComparisonSettings shared;
    private final TrainingSettings settings;
    private final Supplier<Block> network;
    private final RunStore store;
    private final Path outputDirectory;
    private final PrintStream out;

    /**
     * Creates a runner.
     *
     * @param variants the variants, in running order (prerequisites first)
     * @param seeds the seeds, at least one
     * @param shared the settings every run shares
     * @param settings the training settings (their seed is replaced per run)
     * @param network creates the untrained network
     * @param outputDirectory the comparison's output directory
     * @param out where progress is printed
     */
    public ComparisonRunner(
            List<Variant> variants,
            List<Long> seeds,
            ComparisonSettings shared,
            TrainingSettings settings,
            Supplier<Block> network,
            Path outputDirectory,
            PrintStream out) {
        this.variants = List.copyOf(variants);
        this.seeds = List.copyOf(seeds);
        this.shared = shared;
        this.settings = settings;
        this.network = network;
        this.outputDirectory = outputDirectory;
        this.store = new RunStore(outputDirectory);
        this.out = out;
    }

    /**
     * Checks, before any training, that every saved run of this comparison is readable and was made
     * with the same settings.
     *
     * @return the number of runs already finished
     * @throws IllegalArgumentException if a saved run is unreadable or has other settings
     */
    public int countFinished() {
        int finished = 0;
        for (long seed : seeds) {
            for (Variant variant : variants) {
                if (store.find(variant, seed, shared).isPresent()) {
                    finished++;
                }
            }
        }
        return finished;
    }

    /**
     * Trains every run that is not finished yet and returns all runs.
     *
     * @param train the training set
     * @param test the test set
     * @param metrics the metrics export
     * @return every run, seed by seed in variant order
     * @throws IOException if data or results cannot be read or written
     * @throws TranslateException if the data cannot be processed
     */
    public List<RunRecord> runAll(ArrayDataset train, ArrayDataset test, MetricsSetup metrics)
            throws IOException, TranslateException {
        List<RunRecord> runs = new ArrayList<>();
        int total = variants.size() * seeds.size();
        int number = 0;
        for (long seed : seeds) {
            Map<String, RunRecord> sameSeed = new LinkedHashMap<>();
            for (Variant variant : variants) {
                number++;
                Optional<RunRecord> saved = store.find(variant, seed, shared);
                RunRecord run;
                if (saved.isPresent()) {
                    run = saved.get().withCarbon(settings.carbon());
                    out.printf(
                            Locale.ROOT,
                            "[%d/%d] %s, seed %d: finished earlier, reusing %s%s%n",
                            number,
                            total,
                            variant.name(),
                            seed,
                            store.fileOf(variant.name(), seed),
                            run == saved.get()
                                    ? ""
                                    : " (its CO2e recomputed from its stored energy with "
                                            + ComparisonReport.describe(settings.carbon())
                                            + ")");
                } else {
                    out.printf(
                            Locale.ROOT,
                            "[%d/%d] %s, seed %d: training %d epochs%n",
                            number,
                            total,
                            variant.name(),
                            seed,
                            shared.epochs());
                    TrainingSettings runSettings =
                            settings.forRun(seed, outputDirectory.resolve("models"));
                    run =
                            new TrainingRun(shared, network, runSettings, metrics)
                                    .run(variant, sameSeed, train, test);
                    store.save(run);
                    printRun(run);
                }
                sameSeed.put(variant.name(), run);
                runs.add(run);
            }
        }
        return runs;
    }

    private void printRun(RunRecord run) {
        for (EpochPoint point : run.epochs()) {
            out.printf(
                    Locale.ROOT,
                    "  epoch %2d: %6.1f s, trained %,7d, sampler passes %,d, test accuracy"
                            + " %.2f%%%n",
                    point.epoch(),
                    point.seconds(),
                    point.samples(),
                    point.samplerForwardPasses(),
                    100 * point.testAccuracy());
        }
        out.printf(
                Locale.ROOT,
                "  %s, seed %d: test accuracy %.2f%% (best %.2f%%), forwarded %,d of %,d"
                        + " (%.1f%% saved), %.1f s, %.1f J%n",
                run.variant(),
                run.seed(),
                100 * run.testAccuracy(),
                100 * run.bestAccuracy(),
                run.samplesForwarded() + run.samplerForwardPasses(),
                run.fullDataSamples(),
                100 * run.forwardPassesSavedFraction(),
                run.trainSeconds(),
                run.energyJoules());
    }
}
