package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.pruning.ScorelessPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a small tabular regression: accounting, initial weights, resume, repeatability. */
@Tag("integration")
class ComparisonEngineTest {

    private static final int TRAIN = 1024;
    private static final int VALIDATION = 256;

    @TempDir Path dir;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset validation;

    @BeforeEach
    void data() {
        manager = NDManager.newBaseManager();
        train = Tabular.regression(manager, TRAIN, 7, true);
        validation = Tabular.regression(manager, VALIDATION, 8, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Workload workload(int epochs) {
        return Tabular.workload(train, validation, epochs);
    }

    private record Run(ComparisonResult result, String out) {}

    private Run compare(Path output, Schedule schedule, int epochs, Variant... variants)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComparisonResult result =
                Comparison.builder()
                        .setWorkload(workload(epochs))
                        .addVariants(variants)
                        .optSeeds(1)
                        .optSchedule(schedule)
                        .optOutputDirectory(output)
                        .optProgress(new PrintStream(out, true, StandardCharsets.UTF_8))
                        .build()
                        .run();
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return new Run(result, printed);
    }

    /** Full data every epoch, with a hook run as each epoch is planned. */
    abstract static class FullDataVariant implements Variant {

        private final String name;
        private final String description;

        FullDataVariant(String name, String description) {
            this.name = name;
            this.description = description;
        }

        /** Runs as an epoch is planned; returns the method's forward passes for it. */
        abstract long beforeEpoch(int size);

        @Override
        public String name() {
            return name;
        }

        @Override
        public String label() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public OptionalDouble budget() {
            return OptionalDouble.of(1);
        }

        @Override
        public Optional<PruningPolicy> policy(ArmContext context) {
            int size = context.datasetSize();
            return Optional.of(
                    new ScorelessPolicy(size) {
                        private long passes;

                        @Override
                        public synchronized EpochPlan nextEpoch() {
                            passes += beforeEpoch(size);
                            int[] order = new int[size];
                            for (int i = 0; i < size; i++) {
                                order[i] = i;
                            }
                            return plan(order, size);
                        }

                        @Override
                        public synchronized long getSamplerForwardPasses() {
                            return passes;
                        }
                    });
        }
    }

    /** Full data, but the method first scores every sample (counted) and takes 30 ms doing it. */
    static final class ScoringVariant extends FullDataVariant {

        ScoringVariant() {
            super("scoring", "Scores every sample before every epoch, then trains on all of them.");
        }

        @Override
        long beforeEpoch(int size) {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return size;
        }
    }

    @Test
    void theMethodsOwnPassesTimeAndEnergyAreAccountedApart() throws Exception {
        long start = System.nanoTime();
        Run run =
                compare(
                        dir.resolve("accounting"),
                        Schedule.LOCKSTEP,
                        2,
                        new BaselineVariant(),
                        new ScoringVariant());
        double elapsed = (System.nanoTime() - start) / 1e9;
        RunRecord baseline = run.result().runs().get(0);
        RunRecord scoring = run.result().runs().get(1);
        // the arms take turns on their threads: each is charged its own turns only, so together
        // they never add up to more than the time that passed
        double charged =
                run.result().runs().stream()
                        .mapToDouble(r -> r.costSeconds() + r.evaluationSeconds())
                        .sum();
        assertTrue(charged <= elapsed, charged + " s charged in " + elapsed + " s");
        for (EpochPoint point : scoring.epochs()) {
            assertEquals(TRAIN, point.trainSamples());
            assertEquals(TRAIN, point.backwardPasses());
            assertEquals(TRAIN, point.methodPasses());
            assertEquals(VALIDATION, point.evaluationSamples());
            assertTrue(point.methodSeconds() >= 0.03, "the method's sleep: " + point);
            assertTrue(point.methodJoules() >= 0, point.toString());
        }
        for (EpochPoint point : baseline.epochs()) {
            assertEquals(0, point.methodPasses());
            assertEquals(0, point.methodSeconds());
        }
        assertEquals(-2L * TRAIN, scoring.forwardPassesSaved(), "saved net of its own passes");
        assertEquals(2.0, scoring.budgetUsed(), 1e-12);
        Verdict verdict = run.result().report().verdicts().get(0);
        assertEquals(-1.0, verdict.forwardPassesSaved().mean(), 1e-12);
        String report = Files.readString(dir.resolve("accounting/report.md"));
        assertTrue(report.contains("## Equal budget view"), report);
        assertTrue(report.contains("| scoring | 100.0% | 200.0% |"), report);
        assertTrue(run.out().contains("seed 1, epoch 1, scoring:"), run.out());
    }

    @Test
    void everyArmOfASeedStartsFromTheSameWeights() throws Exception {
        Workload workload = workload(1);
        ComparisonSettings settings =
                new ComparisonSettings(
                        "tabular", java.util.Map.of(), TRAIN, 1, "loss", false, "lockstep", 8.0);
        Arm.Setup setup =
                new Arm.Setup(
                        workload,
                        settings,
                        new EnergyMeter(List.of()),
                        CarbonIntensity.worldAverage(),
                        MetricsSetup.none(),
                        Comparison.DEFAULT_BATCHES_PER_TURN);
        try (Arm first =
                        new Arm(
                                new BaselineVariant(),
                                5,
                                workload.data(5),
                                setup,
                                v -> SampleCounts.fixed(e -> 0));
                Arm second =
                        new Arm(
                                new InfoBatchVariant(),
                                5,
                                workload.data(5),
                                setup,
                                v -> SampleCounts.fixed(e -> 0));
                Arm otherSeed =
                        new Arm(
                                new BaselineVariant(),
                                6,
                                workload.data(6),
                                setup,
                                v -> SampleCounts.fixed(e -> 0))) {
            float[] a = parameters(first);
            assertArrayEquals(a, parameters(second), "same seed, same initial weights");
            assertFalse(java.util.Arrays.equals(a, parameters(otherSeed)), "another seed differs");
        }
    }

    private static float[] parameters(Arm arm) {
        java.util.List<Float> values = new java.util.ArrayList<>();
        for (Pair<String, Parameter> parameter : arm.model().getBlock().getParameters()) {
            NDArray array = parameter.getValue().getArray();
            for (float value : array.toFloatArray()) {
                values.add(value);
            }
        }
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        return flat;
    }

    @Test
    void aRerunOfASeedGivesIdenticalCountsAndRandomFollowsInfoBatch() throws Exception {
        InfoBatchVariant infoBatch = new InfoBatchVariant();
        Variant[] arms = {new BaselineVariant(), infoBatch, new RandomPruningVariant(infoBatch)};
        Run first = compare(dir.resolve("first"), Schedule.LOCKSTEP, 3, arms);
        // the rerun trains through a storm of garbage collections: no gradient may change
        Run second;
        try (CollectionStorm storm = CollectionStorm.start()) {
            second = compare(dir.resolve("second"), Schedule.LOCKSTEP, 3, arms);
        }
        for (int arm = 0; arm < 3; arm++) {
            RunRecord a = first.result().runs().get(arm);
            RunRecord b = second.result().runs().get(arm);
            assertEquals(counts(a), counts(b), a.variant());
            assertEquals(a.finalMetric(), b.finalMetric(), a.variant());
        }
        List<Long> infoBatchCounts = counts(first.result().runs().get(1));
        assertEquals(infoBatchCounts, counts(first.result().runs().get(2)));
        assertTrue(infoBatchCounts.get(1) < TRAIN, "InfoBatch pruned epoch 1");
        for (RunRecord run : first.result().runs()) {
            List<EpochPoint> epochs = run.epochs();
            for (EpochPoint point : epochs) {
                assertTrue(point.forecastJoules() > 0, run.variant() + " forecast: " + point);
            }
            // after the last epoch nothing is left to plan: the forecast is the run's energy, up
            // to the tail after the epoch's accounting (listeners, teardown, JIT threads), which
            // in a run of a few tenths of a joule can reach a tenth of it
            double last = epochs.get(epochs.size() - 1).forecastJoules();
            assertEquals(run.energyJoules(), last, 0.25 * run.energyJoules(), run.variant());
            // the saving charges a skipped sample the train phase's energy per sample only:
            // below the old rule, which spread evaluation and planning over the trained samples
            double spreadOverEpoch =
                    epochs.stream()
                            .mapToDouble(
                                    p -> p.joules() / p.trainSamples() * (TRAIN - p.trainSamples()))
                            .sum();
            double estimate = run.energySavedEstimateJoules();
            if (run.variant().equals(BaselineVariant.NAME)) {
                assertEquals(0, estimate, run.variant());
            } else {
                assertTrue(
                        estimate > 0 && estimate < spreadOverEpoch,
                        run.variant() + ": " + estimate + " vs " + spreadOverEpoch);
            }
        }
    }

    /** Full data; records the thread each epoch is planned on. */
    static final class ThreadRecordingVariant extends FullDataVariant {

        private final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

        ThreadRecordingVariant(String name) {
            super(name, "Trains on all samples and records the thread of every epoch.");
        }

        List<String> threads() {
            return threads;
        }

        @Override
        long beforeEpoch(int size) {
            threads.add(Thread.currentThread().getName());
            return 0;
        }
    }

    @Test
    void eachArmTrainsEveryEpochOfASeedOnItsOwnThread() throws Exception {
        ThreadRecordingVariant first = new ThreadRecordingVariant("first");
        ThreadRecordingVariant second = new ThreadRecordingVariant("second");
        compare(dir.resolve("threads"), Schedule.LOCKSTEP, 3, first, second);
        assertEquals(3, first.threads().size());
        assertEquals(1, Set.copyOf(first.threads()).size(), "first: " + first.threads());
        assertEquals(1, Set.copyOf(second.threads()).size(), "second: " + second.threads());
        assertNotEquals(first.threads().get(0), second.threads().get(0));
        assertEquals("greentrain-arm-first-1", first.threads().get(0));
    }

    @Test
    void aLossThatAGarbageCollectionCanCorruptIsNamedWithItsFix() throws Exception {
        Workload raw =
                Workload.builder()
                        .setName("tabular")
                        .setData(train, validation)
                        .setBlock(
                                () ->
                                        new SequentialBlock()
                                                .add(Linear.builder().setUnits(1).build()))
                        .setTrainingConfig(schedules -> new DefaultTrainingConfig(Loss.l2Loss()))
                        .setEpochs(1)
                        .setInputShapes(new Shape(Tabular.BATCH, Tabular.FEATURES))
                        .optMetric(DecidingMetric.loss())
                        .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Comparison.builder()
                .setWorkload(raw)
                .addVariants(new BaselineVariant())
                .optSeeds(1)
                .optOutputDirectory(dir.resolve("raw"))
                .optProgress(new PrintStream(out, true, StandardCharsets.UTF_8))
                .build()
                .run();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                printed.contains("Warning: The loss 'L2Loss' is DJL's L2Loss")
                        && printed.contains("PerSampleLosses.gcSafe(loss)"),
                printed);
        assertEquals(1, printed.split("Warning: The loss", -1).length - 1, "warned once");
        assertFalse(
                compare(dir.resolve("safe"), Schedule.LOCKSTEP, 1, new BaselineVariant())
                        .out()
                        .contains("Warning: The loss"));
    }

    /** Calls {@code System.gc()} every 2 ms on a daemon thread until closed. */
    private static final class CollectionStorm implements AutoCloseable {

        private final Thread thread;

        private CollectionStorm(Thread thread) {
            this.thread = thread;
        }

        static CollectionStorm start() {
            Thread thread =
                    new Thread(
                            () -> {
                                while (!Thread.currentThread().isInterrupted()) {
                                    System.gc();
                                    try {
                                        Thread.sleep(2);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "collection-storm");
            thread.setDaemon(true);
            thread.start();
            return new CollectionStorm(thread);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    private static List<Long> counts(RunRecord run) {
        return run.epochs().stream().map(EpochPoint::trainSamples).toList();
    }

    @Test
    void sequentialResumesAnArmAloneAndLockstepAWholeSeed() throws Exception {
        InfoBatchVariant infoBatch = new InfoBatchVariant();
        Variant[] arms = {new BaselineVariant(), infoBatch, new RandomPruningVariant(infoBatch)};
        Path sequential = dir.resolve("sequential");
        compare(sequential, Schedule.SEQUENTIAL, 2, arms);
        byte[] kept = Files.readAllBytes(sequential.resolve("runs/infobatch-seed1.json"));
        Files.delete(sequential.resolve("runs/random-seed1.json"));
        Run resumed = compare(sequential, Schedule.SEQUENTIAL, 2, arms);
        assertTrue(resumed.out().contains("Seed 1: training random, 2 epochs"), resumed.out());
        assertFalse(resumed.out().contains("training infobatch"), resumed.out());
        assertArrayEquals(
                kept, Files.readAllBytes(sequential.resolve("runs/infobatch-seed1.json")));
        assertEquals(
                counts(resumed.result().runs().get(1)),
                counts(resumed.result().runs().get(2)),
                "random follows the saved InfoBatch run");

        Path lockstep = dir.resolve("lockstep");
        compare(lockstep, Schedule.LOCKSTEP, 2, arms);
        Files.delete(lockstep.resolve("runs/random-seed1.json"));
        Run again = compare(lockstep, Schedule.LOCKSTEP, 2, arms);
        assertTrue(
                again.out().contains("Seed 1: training baseline, infobatch, random in lockstep"),
                again.out());
    }
}
