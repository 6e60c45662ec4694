package dev.greentrain.compare;

import ai.djl.translate.TranslateException;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.CpuModelEnergySource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The A/B engine: runs every variant of a comparison as an arm of one workload, seed by seed, in
 * lockstep (default) or one after the other, saves each arm as it finishes, reuses finished arms on
 * a rerun, and writes the report with its verdicts.
 */
public final class Comparison {

    /** The batches an arm computes before it hands the turn on, in lockstep. */
    public static final int DEFAULT_BATCHES_PER_TURN = 8;

    private final Workload workload;
    private final List<Variant> variants;
    private final List<Long> seeds;
    private final Schedule schedule;
    private final Path outputDirectory;
    private final CarbonIntensity carbon;
    private final double cpuTdpWatts;
    private final MetricsSetup metrics;
    private final PrintStream out;
    private final int batchesPerTurn;
    private final boolean steadyMalloc;
    private boolean lossWarned;

    private Comparison(Builder builder) {
        this.workload = builder.workload;
        this.variants = List.copyOf(builder.variants);
        this.seeds = List.copyOf(builder.seeds);
        this.schedule = builder.schedule;
        this.outputDirectory = builder.outputDirectory;
        this.carbon = builder.carbon;
        this.cpuTdpWatts = builder.cpuTdpWatts;
        this.metrics = builder.metrics;
        this.out = builder.out;
        this.batchesPerTurn = builder.batchesPerTurn;
        this.steadyMalloc = builder.steadyMalloc;
    }

    /**
     * Creates a builder; the workload and the variants are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the settings the runs of this comparison share, for one seed's training set.
     *
     * @param trainSamples the size of the training set
     * @return the settings saved with every run
     */
    ComparisonSettings settings(int trainSamples) {
        return new ComparisonSettings(
                workload.getName(),
                workload.getSettings(),
                trainSamples,
                workload.getEpochs(),
                workload.getMetric().name(),
                workload.getMetric().higherIsBetter(),
                schedule.id(),
                cpuTdpWatts);
    }

    /**
     * Trains every arm that has not finished, then writes the report.
     *
     * @return the runs and the report
     * @throws IOException if data or results cannot be read or written
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalArgumentException if a saved run is invalid or was made with other settings
     */
    public ComparisonResult run() throws IOException, TranslateException {
        RunStore store = new RunStore(outputDirectory);
        EnergyMeter meter = EnergyMeter.detect(cpuTdpWatts);
        Map<Long, WorkloadData> data = new LinkedHashMap<>();
        Map<Long, ComparisonSettings> settings = new LinkedHashMap<>();
        int finished = 0;
        for (long seed : seeds) {
            WorkloadData seedData = workload.data(seed);
            data.put(seed, seedData);
            settings.put(seed, settings(Math.toIntExact(seedData.train().size())));
            for (Variant variant : variants) {
                variant.checkReachable(settings.get(seed).trainSamples(), workload.getEpochs());
                variant.checkTrainingSet(seedData.train());
                // refuses an invalid or mismatched saved run before anything trains
                if (store.find(variant, seed, settings.get(seed)).isPresent()) {
                    finished++;
                }
            }
        }
        out.printf(
                Locale.ROOT,
                "Comparing %s on %s over seeds %s (%s): %d runs, %d finished earlier.%n",
                String.join(", ", variants.stream().map(Variant::name).toList()),
                workload.getName(),
                seeds,
                schedule.id(),
                variants.size() * seeds.size(),
                finished);
        MachineInfo.spinWaitWarning(System.getenv("OMP_WAIT_POLICY"), meter.measured())
                .ifPresent(out::println);
        if (steadyMalloc) {
            SteadyMalloc.apply();
        }
        List<RunRecord> runs = new ArrayList<>();
        for (long seed : seeds) {
            Arm.Setup setup =
                    new Arm.Setup(
                            workload, settings.get(seed), meter, carbon, metrics, batchesPerTurn);
            SeedRuns seedRuns = new SeedRuns(seed, data.get(seed), setup, store);
            runs.addAll(
                    schedule == Schedule.LOCKSTEP ? seedRuns.lockstep() : seedRuns.sequential());
        }
        ComparisonReport report =
                new ComparisonReport(
                        workload.getName(),
                        workload.getMetric(),
                        variants,
                        runs,
                        MachineInfo.detect());
        Path html = report.write(outputDirectory);
        return new ComparisonResult(runs, report, html);
    }

    /** The arms of one seed. */
    private final class SeedRuns {

        private final long seed;
        private final WorkloadData data;
        private final Arm.Setup setup;
        private final RunStore store;
        private final Map<String, RunRecord> done = new LinkedHashMap<>();
        private final Map<String, Arm> live = new LinkedHashMap<>();
        private final ArmThreads armThreads;

        SeedRuns(long seed, WorkloadData data, Arm.Setup setup, RunStore store) {
            this.seed = seed;
            this.data = data;
            this.setup = setup;
            this.store = store;
            this.armThreads = new ArmThreads(seed);
        }

        /** All arms of the seed together, one epoch each in turn; a seed is resumed whole. */
        List<RunRecord> lockstep() throws IOException, TranslateException {
            List<Optional<RunRecord>> saved = new ArrayList<>();
            for (Variant variant : variants) {
                saved.add(store.find(variant, seed, setup.settings()));
            }
            if (saved.stream().allMatch(Optional::isPresent)) {
                for (Variant variant : variants) {
                    reuse(variant, saved.get(variants.indexOf(variant)).orElseThrow());
                }
                return ordered();
            }
            out.printf(
                    Locale.ROOT,
                    "Seed %d: training %s in lockstep, %d epochs%n",
                    seed,
                    String.join(", ", variants.stream().map(Variant::name).toList()),
                    workload.getEpochs());
            try {
                for (Variant variant : variants) {
                    Arm arm = new Arm(variant, seed, data, setup, this::countsOf);
                    live.put(variant.name(), arm);
                    warnAboutTheLoss(arm);
                }
                for (int epoch = 0; epoch < workload.getEpochs(); epoch++) {
                    List<Variant> order = LockstepOrder.of(variants, epoch);
                    List<EpochPoint> points = epochTakingTurns(order);
                    for (int i = 0; i < order.size(); i++) {
                        printEpoch(order.get(i), points.get(i));
                    }
                }
                for (Arm arm : live.values()) {
                    RunRecord run = arm.finish();
                    store.save(run);
                    done.put(run.variant(), run);
                }
            } finally {
                armThreads.close();
                closeAll();
            }
            return ordered();
        }

        /**
         * Trains one epoch of every arm, each on its own thread (the same one every epoch, see
         * {@link ArmThreads}) but only one computing at a time: the turn passes along the epoch's
         * order every few batches.
         */
        private List<EpochPoint> epochTakingTurns(List<Variant> order)
                throws IOException, TranslateException {
            Turns turns = new Turns(order.size());
            List<Future<EpochPoint>> futures = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                Arm arm = live.get(order.get(i).name());
                int position = i;
                futures.add(
                        armThreads
                                .of(arm.variant().name())
                                .submit(() -> arm.trainEpoch(turns, position)));
            }
            List<EpochPoint> points = new ArrayList<>();
            Exception failure = null;
            for (Future<EpochPoint> future : futures) {
                try {
                    points.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? unwrap(e) : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while arms were training", e);
                }
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof TranslateException translate) {
                throw translate;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return points;
        }

        private Exception unwrap(ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return cause instanceof Exception exception ? exception : e;
        }

        /** One arm after the other; each finished arm is kept on its own. */
        List<RunRecord> sequential() throws IOException, TranslateException {
            for (Variant variant : variants) {
                Optional<RunRecord> saved = store.find(variant, seed, setup.settings());
                if (saved.isPresent()) {
                    reuse(variant, saved.get());
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "Seed %d: training %s, %d epochs%n",
                        seed,
                        variant.name(),
                        workload.getEpochs());
                try (Arm arm = new Arm(variant, seed, data, setup, this::countsOf)) {
                    live.put(variant.name(), arm);
                    warnAboutTheLoss(arm);
                    for (int epoch = 0; epoch < workload.getEpochs(); epoch++) {
                        printEpoch(variant, arm.trainEpoch());
                    }
                    RunRecord run = arm.finish();
                    store.save(run);
                    done.put(run.variant(), run);
                } finally {
                    live.remove(variant.name());
                }
            }
            return ordered();
        }

        /** Prints, once per comparison, that the workload's loss is unsafe under collection. */
        private void warnAboutTheLoss(Arm arm) {
            if (!lossWarned) {
                arm.lossHazard().ifPresent(warning -> out.println("Warning: " + warning));
                lossWarned = true;
            }
        }

        private void reuse(Variant variant, RunRecord saved) {
            RunRecord run = saved.withCarbon(carbon);
            out.printf(
                    Locale.ROOT,
                    "Seed %d: %s finished earlier, reusing %s%s%n",
                    seed,
                    variant.name(),
                    store.fileOf(variant.name(), seed),
                    run == saved
                            ? ""
                            : " (its CO2e recomputed from its stored energy with "
                                    + ComparisonReport.describe(carbon)
                                    + ")");
            done.put(variant.name(), run);
        }

        /** The per-epoch sample counts of a prerequisite: live, else from its finished run. */
        private SampleCounts countsOf(Variant other) {
            Arm arm = live.get(other.name());
            if (arm != null) {
                return new SampleCounts(arm::plannedSamples, arm::forecastSamples);
            }
            RunRecord run = done.get(other.name());
            if (run == null) {
                throw new IllegalStateException(
                        "The "
                                + other.name()
                                + " arm of seed "
                                + seed
                                + " neither runs nor has finished; list it in the variants.");
            }
            return SampleCounts.fixed(
                    epoch -> Math.toIntExact(run.epochs().get(epoch).trainSamples()));
        }

        private void printEpoch(Variant variant, EpochPoint point) {
            out.printf(
                    Locale.ROOT,
                    "  seed %d, epoch %d, %-20s trained %,7d, method passes %,d, %.1f s train"
                            + " + %.1f s method + %.1f s eval, %.1f J (%s), run forecast %.0f J,"
                            + " %s %s%s%n",
                    seed,
                    point.epoch(),
                    variant.name() + ":",
                    point.trainSamples(),
                    point.methodPasses(),
                    point.trainSeconds(),
                    point.methodSeconds(),
                    point.evaluationSeconds(),
                    point.joules(),
                    setup.meter().kind(),
                    point.forecastJoules(),
                    workload.getMetric().name(),
                    workload.getMetric().format(point.metric()),
                    reportedText(point));
        }

        private String reportedText(EpochPoint point) {
            StringBuilder text = new StringBuilder();
            point.reportedMetrics()
                    .forEach(
                            (name, value) ->
                                    text.append(", ")
                                            .append(name)
                                            .append(' ')
                                            .append(DecidingMetric.accuracy().format(value)));
            return text.toString();
        }

        private List<RunRecord> ordered() {
            return variants.stream().map(v -> done.get(v.name())).toList();
        }

        private void closeAll() {
            RuntimeException failure = null;
            for (Arm arm : live.values()) {
                try {
                    arm.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            live.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Builds a {@link Comparison}. */
    public static final class Builder {

        private Workload workload;
        private final List<Variant> variants = new ArrayList<>();
        private List<Long> seeds = List.of(42L);
        private Schedule schedule = Schedule.LOCKSTEP;
        private Path outputDirectory = Path.of("comparison");
        private CarbonIntensity carbon = CarbonIntensity.worldAverage();
        private double cpuTdpWatts = CpuModelEnergySource.defaultTdpWatts();
        private MetricsSetup metrics = MetricsSetup.none();
        private PrintStream out = System.out;
        private int batchesPerTurn = DEFAULT_BATCHES_PER_TURN;
        private boolean steadyMalloc = true;

        Builder() {}

        /**
         * Sets the workload every arm trains.
         *
         * @param workload the workload
         * @return this builder
         */
        public Builder setWorkload(Workload workload) {
            this.workload = Objects.requireNonNull(workload, "workload");
            return this;
        }

        /**
         * Adds arms: the baseline (the reference of every verdict) and the variants to judge.
         *
         * @param variants e.g. {@code new BaselineVariant(), new InfoBatchVariant()}
         * @return this builder
         */
        public Builder addVariants(Variant... variants) {
            this.variants.addAll(List.of(variants));
            return this;
        }

        /**
         * Sets the seeds; every seed runs every arm.
         *
         * @param seeds at least one, each once; default 42
         * @return this builder
         */
        public Builder optSeeds(long... seeds) {
            List<Long> list = new ArrayList<>();
            for (long seed : seeds) {
                list.add(seed);
            }
            this.seeds = list;
            return this;
        }

        /**
         * Sets how the arms of a seed run; default {@link Schedule#LOCKSTEP}.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets where runs, results, charts and the report go; default {@code comparison}.
         *
         * @param outputDirectory the directory
         * @return this builder
         */
        public Builder optOutputDirectory(Path outputDirectory) {
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
            return this;
        }

        /**
         * Sets the carbon intensity and PUE of the CO2 figures; default the world average.
         *
         * @param carbon the intensity
         * @return this builder
         */
        public Builder optCarbon(CarbonIntensity carbon) {
            this.carbon = Objects.requireNonNull(carbon, "carbon");
            return this;
        }

        /**
         * Sets the TDP of the CPU energy model used where no sensor exists.
         *
         * @param watts finite and greater than 0; default 4 W per logical CPU
         * @return this builder
         */
        public Builder optCpuTdp(double watts) {
            this.cpuTdpWatts = watts;
            return this;
        }

        /**
         * Sets where the arms' metrics are published; default nowhere.
         *
         * @param metrics the endpoint and Pushgateway set-up
         * @return this builder
         */
        public Builder optMetrics(MetricsSetup metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Sets where progress is printed: one line per epoch per arm; default standard output.
         *
         * @param out the stream
         * @return this builder
         */
        public Builder optProgress(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * Sets how many batches an arm computes before it hands the turn to the next arm of its
         * seed, in lockstep.
         *
         * @param batches at least 1; default 8
         * @return this builder
         */
        public Builder optBatchesPerTurn(int batches) {
            this.batchesPerTurn = batches;
            return this;
        }

        /**
         * Sets whether the comparison fixes glibc's malloc thresholds before the arms train ({@link
         * SteadyMalloc}), so that no arm pays for refaulting memory the allocator handed back to
         * the kernel; the report's machine line says which.
         *
         * @param steady default true
         * @return this builder
         */
        public Builder optSteadyMalloc(boolean steady) {
            this.steadyMalloc = steady;
            return this;
        }

        /**
         * Builds the comparison, checking the arms and seeds.
         *
         * @return the comparison
         * @throws IllegalArgumentException naming what is wrong and how to fix it
         */
        public Comparison build() {
            Objects.requireNonNull(workload, "workload: call setWorkload(...)");
            if (variants.isEmpty()) {
                throw new IllegalArgumentException(
                        "No arms: call addVariants(new BaselineVariant(), new InfoBatchVariant())"
                                + " or similar.");
            }
            Set<String> names = new HashSet<>();
            for (Variant variant : variants) {
                if (!names.add(variant.name())) {
                    throw new IllegalArgumentException(
                            "Two arms are named \""
                                    + variant.name()
                                    + "\": give each arm once (an A/A test uses new"
                                    + " BaselineVariant(\"baseline-copy\")).");
                }
                for (Variant prerequisite : variant.prerequisites()) {
                    int at = variants.indexOf(prerequisite);
                    if (at < 0 || at > variants.indexOf(variant)) {
                        throw new IllegalArgumentException(
                                "Arm \""
                                        + variant.name()
                                        + "\" follows \""
                                        + prerequisite.name()
                                        + "\": add that arm before it.");
                    }
                }
            }
            if (seeds.isEmpty() || new LinkedHashSet<>(seeds).size() != seeds.size()) {
                throw new IllegalArgumentException(
                        "Seeds " + seeds + " are invalid: give at least one, each once.");
            }
            if (!(cpuTdpWatts > 0) || Double.isInfinite(cpuTdpWatts)) {
                throw new IllegalArgumentException(
                        "CPU TDP "
                                + cpuTdpWatts
                                + " W is invalid: give the CPU's rated TDP, finite and greater"
                                + " than 0, e.g. 65.");
            }
            if (batchesPerTurn < 1) {
                throw new IllegalArgumentException(
                        "Batches per turn = "
                                + batchesPerTurn
                                + " is invalid: give at least 1 (default "
                                + DEFAULT_BATCHES_PER_TURN
                                + ").");
            }
            return new Comparison(this);
        }
    }
}
