package dev.greentrain.listeners.metrics;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.energy.EnergyPhase;
import dev.greentrain.listeners.energy.EpochSamples;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.training.PruningAware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DJL training listener that publishes a training run's progress, pruning and savings through
 * Micrometer; add it to the training config in one line, with or without pruning.
 *
 * <p>It is a thin adapter: it feeds the training events to small binders, one concern each, and
 * registers them all on every registry it is bound to: {@link TrainingProgressMetrics} (samples,
 * batches, epochs, validation samples, loss, accuracy, learning rate, epoch duration), {@link
 * PolicyMetrics} (fraction pruned, forward and backward passes saved, the sampler's own passes,
 * non-finite losses, the score histogram), {@link InfoBatchMetrics} (InfoBatch's threshold,
 * well-learned share and up-weight), {@link DjlTimerMetrics} (DJL's forward, backward and step
 * timings, only with {@link Builder#optDjlTimers(boolean)}) and the energy meters of {@link
 * EnergyMetrics}. Every meter carries the {@link MetricTags}; the variant is the caller's.
 *
 * <p>With energy, it marks the phases of every epoch: the method phase ends when {@code
 * PrunedTraining} reports the epoch planned ({@link #onEpochPlanned(EpochStats)}; without it the
 * planning is counted within training), the train phase at every training batch, the evaluation at
 * {@code onEpoch}; and, with {@link Builder#optPlannedEpochs(int)}, it forecasts the run's energy
 * from the policy's {@code getPlannedSamples}.
 *
 * <p>Meters keep a strong reference to their binder, so a finished run's series stay on the
 * registry (and the endpoint) until the registry is closed; nothing is lost when training ends.
 *
 * <p>Loss and accuracy are read from {@code trainer.getTrainingResult()} at the end of each epoch,
 * so add this listener after DJL's default listeners.
 */
public final class TrainingMetrics extends TrainingListenerAdapter
        implements MeterBinder, PruningAware {

    private static final Logger logger = LoggerFactory.getLogger(TrainingMetrics.class);

    /** The variant tag when the caller gives none. */
    static final String DEFAULT_VARIANT = "baseline";

    private final MeterRegistry registry;
    private final MetricTags tags;
    private final boolean variantGiven;
    private final Tracker learningRateTracker;
    private final EnergyMetrics energy;
    private final int plannedEpochs;
    private final TrainingProgressMetrics progress;
    private final PolicyMetrics policyMetrics;
    private final InfoBatchMetrics infoBatchMetrics;
    private final DjlTimerMetrics djlTimers;
    private final List<MeterBinder> binders = new ArrayList<>();

    private volatile boolean boundToRegistry;
    private volatile PruningPolicy policy;
    private boolean startedEnergy;
    private long epochStartNanos = System.nanoTime();
    private long epochStartSamples;
    private int lastCountedEpoch = -1;
    private int epochsDone;

    private TrainingMetrics(Builder builder) {
        this.registry = builder.registry;
        this.variantGiven = builder.variant != null;
        this.tags =
                new MetricTags(
                        builder.run != null ? builder.run : MetricTags.generateRunId(),
                        variantGiven ? builder.variant : DEFAULT_VARIANT,
                        builder.model,
                        builder.dataset);
        this.learningRateTracker = builder.learningRate;
        this.energy = builder.energy;
        this.plannedEpochs = builder.plannedEpochs;
        Tags t = tags.toTags();
        progress =
                new TrainingProgressMetrics(
                        t,
                        builder.accuracyName,
                        builder.plannedEpochs,
                        learningRateTracker != null);
        policyMetrics = new PolicyMetrics(t);
        infoBatchMetrics = new InfoBatchMetrics(t);
        djlTimers = builder.djlTimers ? new DjlTimerMetrics(t) : null;
        binders.add(progress);
        binders.add(policyMetrics);
        binders.add(infoBatchMetrics);
        if (djlTimers != null) {
            binders.add(djlTimers);
        }
        if (energy != null) {
            binders.add(energy.binder(t));
        }
    }

    /**
     * Creates a builder; {@code setRegistry} is required unless {@link #bindTo(MeterRegistry)} is
     * called.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the run id this listener tags its meters with.
     *
     * @return the run id
     */
    public String getRun() {
        return tags.run();
    }

    /**
     * Returns the tags of the meters, fixed when the listener is built.
     *
     * @return the tags in use
     */
    public MetricTags getTags() {
        return tags;
    }

    /**
     * Returns the forward passes saved so far (equal to the backward passes saved).
     *
     * @return the samples skipped in completed epochs
     */
    public long getPassesSaved() {
        return policyMetrics.passesSaved();
    }

    /**
     * Returns the training samples forwarded so far.
     *
     * @return the samples forwarded
     */
    public long getSamplesForwarded() {
        return progress.samplesForwarded();
    }

    /**
     * Registers every meter on a registry; every registry it is called for gets every meter, all
     * reading the same run (binding a registry twice registers nothing new). Starts nothing.
     *
     * @param meterRegistry the registry to register on
     */
    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        for (MeterBinder binder : binders) {
            binder.bindTo(meterRegistry);
        }
    }

    /** Binds the registry given to the builder, once, at the start of training. */
    private void bindIfNeeded() {
        if (!boundToRegistry && registry != null) {
            synchronized (this) {
                if (!boundToRegistry) {
                    bindTo(registry);
                    boundToRegistry = true;
                }
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public void setPruningPolicy(PruningPolicy pruningPolicy) {
        this.policy = pruningPolicy;
        if (pruningPolicy != null && !variantGiven) {
            logger.warn(
                    "Run {} prunes with {} but its variant tag is the default \"{}\": set"
                            + " TrainingMetrics.builder().optVariant(...) so that dashboards do"
                            + " not mistake it for the baseline.",
                    tags.run(),
                    pruningPolicy.getClass().getSimpleName(),
                    DEFAULT_VARIANT);
        }
        bindIfNeeded();
    }

    /** Ends the energy's method phase: the policy has just planned the epoch. */
    @Override
    public void onEpochPlanned(EpochStats planned) {
        if (energy != null) {
            energy.markPhaseEnd(EnergyPhase.METHOD);
        }
    }

    /**
     * Binds the builder's registry, installs the DJL timer bridge when asked for, and starts the
     * energy sampling unless its owner already did.
     */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        bindIfNeeded();
        if (djlTimers != null) {
            djlTimers.install(trainer);
        }
        if (energy != null && !energy.isStarted()) {
            energy.start();
            startedEnergy = true;
        }
        epochStartNanos = System.nanoTime();
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        bindIfNeeded();
        if (djlTimers != null && trainer != null) {
            // the user set other Metrics after the trainer was built: bridge in front of them
            djlTimers.install(trainer);
        }
        Batch batch = batchData.getBatch();
        if (energy != null && batch.getProgress() + 1 >= batch.getProgressTotal()) {
            // the epoch's last training batch ends the train phase: one energy read per epoch,
            // not one per batch, keeps the per-batch path lean
            energy.markPhaseEnd(EnergyPhase.TRAIN);
        }
        long batches = progress.recordTrainingBatch(batch.getSize());
        PruningPolicy p = policy;
        if (p != null) {
            List<EpochStats> all = p.getEpochStats();
            if (!all.isEmpty()) {
                observe(all.get(all.size() - 1));
            }
        }
        if (learningRateTracker != null) {
            progress.setLearningRate(learningRateTracker.getNewValue((int) batches));
        }
    }

    private void observe(EpochStats stats) {
        policyMetrics.observe(stats);
        infoBatchMetrics.observe(stats);
    }

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        progress.recordValidationBatch(batchData.getBatch().getSize());
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        bindIfNeeded();
        long now = System.nanoTime();
        long nanos = now - epochStartNanos;
        epochStartNanos = now;
        PruningPolicy p = policy;
        long netSaved =
                policyMetrics.recordEpoch(
                        latestUncountedEpoch(), p == null ? 0 : p.getSamplerForwardPasses());
        long samples = progress.samplesForwarded();
        epochsDone++;
        if (energy != null) {
            long methodPasses = policyMetrics.samplerPassesOfLastEpoch();
            energy.onEpoch(
                    new EpochSamples(
                            samples - epochStartSamples,
                            netSaved + methodPasses,
                            methodPasses,
                            samplesStillPlanned(p, samples - epochStartSamples)));
        }
        epochStartSamples = samples;
        if (p != null) {
            policyMetrics.recordScores(p);
        }
        progress.recordEpoch(nanos, trainer.getTrainingResult());
    }

    /** Ends the energy sampling and logs its summary, if this listener started it. */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (startedEnergy) {
            energy.finish();
        }
    }

    /**
     * The samples the rest of the run plans: the policy's plan, else (full data) the epoch just
     * trained once per remaining epoch; unknown without {@code optPlannedEpochs}.
     */
    private long samplesStillPlanned(PruningPolicy p, long lastEpochSamples) {
        if (plannedEpochs < 1) {
            return EpochSamples.UNKNOWN;
        }
        if (p == null) {
            return Math.max(0, plannedEpochs - epochsDone) * lastEpochSamples;
        }
        long planned = 0;
        for (int count : p.getPlannedSamples(plannedEpochs)) {
            planned += count;
        }
        return planned;
    }

    /** The policy's newest epoch, once: an epoch without batches is not counted twice. */
    private EpochStats latestUncountedEpoch() {
        PruningPolicy p = policy;
        if (p == null) {
            return null;
        }
        List<EpochStats> all = p.getEpochStats();
        if (all.isEmpty()) {
            return null;
        }
        EpochStats latest = all.get(all.size() - 1);
        observe(latest);
        if (latest.epoch() <= lastCountedEpoch) {
            return null;
        }
        lastCountedEpoch = latest.epoch();
        return latest;
    }

    /** Builds {@link TrainingMetrics}. */
    public static final class Builder {

        private MeterRegistry registry;
        private String run;
        private String variant;
        private String model = "model";
        private String dataset = "dataset";
        private String accuracyName = "Accuracy";
        private Tracker learningRate;
        private EnergyMetrics energy;
        private int plannedEpochs;
        private boolean djlTimers;

        Builder() {}

        /**
         * Sets the registry the meters are registered on, at the start of training.
         *
         * @param registry e.g. a {@code PrometheusMeterRegistry}
         * @return this builder
         */
        public Builder setRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Sets the run id tag; by default a generated {@code run-xxxxxxxx}.
         *
         * @param run the run id
         * @return this builder
         */
        public Builder optRun(String run) {
            this.run = run;
            return this;
        }

        /**
         * Sets the variant tag, e.g. {@code infobatch}; by default {@code baseline}, whatever the
         * policy (a pruned run with the default variant logs a warning).
         *
         * @param variant the variant
         * @return this builder
         */
        public Builder optVariant(String variant) {
            this.variant = variant;
            return this;
        }

        /**
         * Sets the model tag (default {@code model}).
         *
         * @param model the model's name
         * @return this builder
         */
        public Builder optModel(String model) {
            this.model = model;
            return this;
        }

        /**
         * Sets the dataset tag (default {@code dataset}).
         *
         * @param dataset the dataset's name
         * @return this builder
         */
        public Builder optDataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets the name of the accuracy evaluator to publish (default {@code Accuracy}).
         *
         * @param accuracyName the evaluator's name
         * @return this builder
         */
        public Builder optAccuracyEvaluator(String accuracyName) {
            this.accuracyName = Objects.requireNonNull(accuracyName, "accuracyName");
            return this;
        }

        /**
         * Sets the learning-rate tracker the optimizer uses, to publish the learning rate.
         *
         * @param learningRate the optimizer's learning-rate tracker
         * @return this builder
         */
        public Builder optLearningRate(Tracker learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Publishes the number of epochs the run will train, so dashboards can project the rest of
         * the run.
         *
         * @param epochs the planned epochs, at least 1
         * @return this builder
         */
        public Builder optPlannedEpochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException(
                        "Planned epochs " + epochs + " is invalid: it must be at least 1.");
            }
            this.plannedEpochs = epochs;
            return this;
        }

        /**
         * Also publishes the trainer's own forward, backward and step timings as timers ({@code
         * greentrain.training.forward} ...). Off by default: it puts a bridge in front of the
         * trainer's {@code Metrics} (and sets one where the trainer has none), which keeps
         * receiving every value and answering every read.
         *
         * @param bridge whether to bridge DJL's timings
         * @return this builder
         */
        public Builder optDjlTimers(boolean bridge) {
            this.djlTimers = bridge;
            return this;
        }

        /**
         * Also publishes energy, CO2 and the energy pruning saved, with this run's tags. Unless
         * already started, the listener starts the energy sampling when training begins and ends it
         * when training ends.
         *
         * @param energy the energy metrics, e.g. {@code EnergyMetrics.builder().build()}
         * @return this builder
         */
        public Builder optEnergy(EnergyMetrics energy) {
            this.energy = energy;
            return this;
        }

        /**
         * Builds the listener, checking the tag values.
         *
         * @return the listener
         */
        public TrainingMetrics build() {
            return new TrainingMetrics(this);
        }
    }
}
