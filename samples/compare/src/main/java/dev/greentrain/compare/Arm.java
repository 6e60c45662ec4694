package dev.greentrain.compare;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;
import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.energy.EnergyReport;
import dev.greentrain.loss.GarbageCollectionSafety;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PrunedDataset;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.training.EpochAlignedTracker;
import dev.greentrain.training.PrunedTraining;
import dev.greentrain.training.TrainingProgress;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One arm: a variant applied to a workload for one seed, with its own model, trainer, policy and
 * energy windows, advanced one epoch at a time.
 */
final class Arm implements AutoCloseable {

    private final Variant variant;
    private final long seed;
    private final Workload workload;
    private final WorkloadData data;
    private final ComparisonSettings settings;
    private final CarbonIntensity carbon;
    private final String energyMethod;
    private final boolean energyMeasured;
    private final Model model;
    private final Trainer trainer;
    private final ArmEnergy energy;
    private final EnergyMetrics energyMetrics;
    private final MeteredPolicy policy;
    private final PrunedDataset pruned;
    private final ArmRecorder recorder;
    private final ArmClock clock = new ArmClock();
    private final TurnTaking turnTaking;
    private final String run;

    /** What an arm needs beyond its variant and seed: shared by every arm of a comparison. */
    record Setup(
            Workload workload,
            ComparisonSettings settings,
            EnergyMeter meter,
            CarbonIntensity carbon,
            MetricsSetup metrics,
            int batchesPerTurn) {}

    Arm(
            Variant variant,
            long seed,
            WorkloadData data,
            Setup setup,
            Function<Variant, SampleCounts> samplesPerEpoch)
            throws IOException {
        this.variant = variant;
        this.seed = seed;
        this.run = setup.metrics().runId(variant.name(), seed);
        this.workload = setup.workload();
        this.data = data;
        this.settings = setup.settings();
        this.carbon = setup.carbon();
        this.energyMethod = setup.meter().method();
        this.energyMeasured = setup.meter().measured();
        this.energy = new ArmEnergy(setup.meter());
        this.energyMetrics =
                EnergyMetrics.builder().optSources(energy.sources()).optCarbon(carbon).build();
        // started here, before the trainer exists, so the exported counter spans every epoch's
        // window from the first one (the arm finishes it in finish() or close())
        energyMetrics.start();
        int trainSize = Math.toIntExact(data.train().size());
        int batchSize = PrunedDataset.batchSizeOf(data.train());
        TrainingProgress progress = new TrainingProgress();
        EpochAlignedTracker[] aligned = new EpochAlignedTracker[1];
        DefaultTrainingConfig config =
                workload.newConfig(
                        schedule -> {
                            aligned[0] =
                                    EpochAlignedTracker.builder()
                                            .setSchedule(schedule)
                                            .setProgress(progress)
                                            .setEpochShape(trainSize, batchSize)
                                            .build();
                            return aligned[0];
                        });
        config.addTrainingListeners(progress);
        if (config.getTrainingListeners().stream()
                .noneMatch(l -> l instanceof EvaluatorTrainingListener)) {
            // the deciding metric is read from the validation results this listener records
            config.addTrainingListeners(new EvaluatorTrainingListener());
        }
        List<TrainingListener> published =
                setup.metrics()
                        .listenersFor(
                                run,
                                variant.name(),
                                workload.getName(),
                                aligned[0],
                                energyMetrics,
                                workload.getEpochs());
        config.addTrainingListeners(published.toArray(TrainingListener[]::new));
        // after the evaluators and the metrics listeners: the epoch's figures are ready
        this.recorder =
                new ArmRecorder(
                        workload.getMetric(),
                        workload.getReportedMetrics(),
                        energy,
                        clock,
                        energyMetrics::getForecastJoules);
        config.addTrainingListeners(recorder);
        this.turnTaking = new TurnTaking(this::pause, this::resume, setup.batchesPerTurn());
        config.addTrainingListeners(turnTaking);
        this.model = Model.newInstance(run);
        boolean ready = false;
        try {
            model.setBlock(workload.newBlock());
            this.trainer = model.newTrainer(config);
            if (trainer.getMetrics() == null) {
                trainer.setMetrics(new Metrics());
            }
            // the seed right before initialisation: every arm of a seed starts from equal weights
            Engine.getInstance().setRandomSeed((int) seed);
            trainer.initialize(workload.getInputShapes());
            ArmContext context =
                    new ArmContext(
                            data.train(), workload.getEpochs(), seed, model, samplesPerEpoch);
            Optional<PruningPolicy> chosen = variant.policy(context);
            this.policy = chosen.map(p -> new MeteredPolicy(p, energy)).orElse(null);
            this.pruned =
                    policy == null
                            ? null
                            : PrunedDataset.builder()
                                    .setDataset(context.trainedSet())
                                    .setPolicy(policy)
                                    .build();
            recorder.setPolicy(policy);
            ready = true;
        } finally {
            if (!ready) {
                energyMetrics.close();
                model.close();
            }
        }
    }

    /**
     * Returns a warning when the trainer's loss can have its gradient corrupted by a garbage
     * collection (a DJL built-in that multiplies by a JVM constant), else nothing.
     *
     * @return the warning naming the fix, or empty
     */
    Optional<String> lossHazard() {
        return GarbageCollectionSafety.hazard(trainer.getLoss());
    }

    /** Returns the arm's variant. */
    Variant variant() {
        return variant;
    }

    /** Returns the model, e.g. to compare initial weights. */
    Model model() {
        return model;
    }

    /** Returns the epochs finished so far. */
    List<EpochPoint> points() {
        return recorder.points();
    }

    /**
     * Returns the samples the arm plans to train in an epoch it has planned.
     *
     * @param epoch the epoch, from 0
     * @return the planned count
     * @throws IllegalStateException if the arm has not planned that epoch
     */
    int plannedSamples(int epoch) {
        if (policy == null) {
            return Math.toIntExact(data.train().size());
        }
        List<EpochStats> stats = policy.getEpochStats();
        if (epoch >= stats.size()) {
            throw new IllegalStateException(
                    variant.name()
                            + " has not planned epoch "
                            + epoch
                            + " yet; an arm that follows it must train after it in every epoch.");
        }
        return stats.get(epoch).samplesInEpoch();
    }

    /**
     * Returns the samples the arm trains in an epoch: planned, else (not planned yet) its policy's
     * forecast, for the forecasts of arms that follow it.
     *
     * @param epoch the epoch, from 0
     * @return the planned or forecast count
     */
    int forecastSamples(int epoch) {
        if (policy == null) {
            return Math.toIntExact(data.train().size());
        }
        List<EpochStats> stats = policy.getEpochStats();
        if (epoch < stats.size()) {
            return stats.get(epoch).samplesInEpoch();
        }
        int[] rest = policy.getPlannedSamples(workload.getEpochs());
        int index = epoch - stats.size();
        return index < rest.length ? rest[index] : Math.toIntExact(data.train().size());
    }

    /**
     * Trains one epoch and evaluates it, charging the arm the energy of that window only.
     *
     * @return the epoch's point
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    EpochPoint trainEpoch() throws IOException, TranslateException {
        int recorded = recorder.points().size();
        // read while the window is closed: the epoch's figures then start exactly where the
        // window opens, so the epochs add up to all the arm's windows (the exported total)
        recorder.beginEpoch();
        resume();
        try {
            if (pruned == null) {
                EasyTrain.fit(trainer, 1, data.train(), data.evaluation());
            } else {
                PrunedTraining.fit(trainer, 1, pruned, data.evaluation());
            }
        } finally {
            pause();
            recorder.closeEpoch(recorded);
        }
        List<EpochPoint> points = recorder.points();
        return points.get(points.size() - 1);
    }

    /**
     * Trains one epoch while taking turns with the other arms of the epoch: the arm waits for its
     * turn, hands it on every few batches, and gives it up when its epoch is done or failed.
     *
     * @param turns the epoch's turns
     * @param position the arm's position in the epoch's order
     * @return the epoch's point
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    EpochPoint trainEpoch(Turns turns, int position) throws IOException, TranslateException {
        turnTaking.join(turns, position);
        try {
            turns.await(position);
            return trainEpoch();
        } finally {
            turnTaking.join(null, position);
            turns.finish(position);
        }
    }

    /** Stops the arm's clock and closes its energy window: another arm computes now. */
    private void pause() {
        clock.stop();
        energy.close();
    }

    /** Restarts the arm's clock and opens its energy window: the arm computes from now. */
    private void resume() {
        energy.open();
        clock.start();
    }

    /**
     * Returns what the arm measured, once every epoch has trained.
     *
     * @return the run
     */
    RunRecord finish() {
        EnergyReport report = energyMetrics.finish();
        return new RunRecord(
                variant.name(),
                variant.parameters(),
                seed,
                settings,
                report.savedJoules(),
                energyMethod,
                energyMeasured,
                carbon,
                recorder.points(),
                policy == null ? Map.of() : variant.measures(policy.policy()));
    }

    /** Closes the trainer and the model. */
    @Override
    public void close() {
        try {
            energyMetrics.close();
            trainer.close();
        } finally {
            model.close();
        }
    }
}
