package dev.greentrain.listeners.metrics;

import ai.djl.metric.Metrics;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.training.PruningAware;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A DJL training listener that publishes a training run's progress, pruning and savings through
 * Micrometer; add it to the training config in one line, with or without pruning.
 *
 * <p>Counters: samples forwarded, forward and backward passes saved (a pruned sample skips both),
 * batches, epochs completed, validation samples, per-sample losses that were NaN or infinite (left
 * out of the loss by the pruned training loop). Gauges: current epoch, fraction pruned, InfoBatch
 * threshold, well-learned share, up-weight, learning rate, and loss and accuracy of the last epoch
 * (train and validate). Timers: epoch (measured here) and forward, backward and step (bridged from
 * DJL's own trainer metrics). A distribution summary of the per-sample scores at the end of every
 * epoch. Every meter carries the {@link MetricTags}.
 *
 * <p>Meters keep a strong reference to this listener, so a finished run's series stay on the
 * registry (and the endpoint) until the registry is closed; nothing is lost when training ends.
 *
 * <p>Loss and accuracy are read from {@code trainer.getTrainingResult()} at the end of each epoch,
 * so add this listener after DJL's default listeners.
 */
public final class TrainingMetrics extends TrainingListenerAdapter
        implements MeterBinder, PruningAware {

    /** Histogram bucket boundaries of the score summary: per-sample losses from 1e-4 to 20. */
    static final double[] SCORE_BUCKETS = {
        1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20
    };

    private final MeterRegistry registry;
    private final String run;
    private final String configuredVariant;
    private final String model;
    private final String dataset;
    private final String accuracyName;
    private final Tracker learningRateTracker;
    private final EnergyMetrics energy;
    private final int plannedEpochs;

    private final LongAdder samplesForwarded = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder validationSamples = new LongAdder();
    private final AtomicLong passesSaved = new AtomicLong();
    private final AtomicLong samplerPasses = new AtomicLong();
    private final AtomicLong epochsCompleted = new AtomicLong();
    private final AtomicLong nonFiniteLosses = new AtomicLong();
    private final Map<String, Timer> djlTimers = new ConcurrentHashMap<>();

    private volatile PruningPolicy policy;
    private volatile EpochStats currentEpoch;
    private volatile double learningRate = Double.NaN;
    private volatile double trainLoss = Double.NaN;
    private volatile double trainAccuracy = Double.NaN;
    private volatile double validateLoss = Double.NaN;
    private volatile double validateAccuracy = Double.NaN;
    private volatile MetricTags tags;
    private Timer epochTimer;
    private DistributionSummary scores;
    private long epochStartNanos = System.nanoTime();
    private long epochStartSamples;
    private int lastCountedEpoch = -1;

    private TrainingMetrics(Builder builder) {
        this.registry = builder.registry;
        this.run = builder.run != null ? builder.run : MetricTags.generateRunId();
        this.configuredVariant = builder.variant;
        this.model = builder.model;
        this.dataset = builder.dataset;
        this.accuracyName = builder.accuracyName;
        this.learningRateTracker = builder.learningRate;
        this.energy = builder.energy;
        this.plannedEpochs = builder.plannedEpochs;
        // check the tag values now, before any training starts
        new MetricTags(
                run, configuredVariant == null ? "baseline" : configuredVariant, model, dataset);
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
        return run;
    }

    /**
     * Returns the tags of the meters, or {@code null} before they are registered.
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
        return passesSaved.get();
    }

    /**
     * Returns the training samples forwarded so far.
     *
     * @return the samples forwarded
     */
    public long getSamplesForwarded() {
        return samplesForwarded.sum();
    }

    /**
     * Registers every meter on a registry. The variant tag is the configured one, else {@code
     * infobatch}-style from the pruning policy's class when one was handed over, else {@code
     * baseline}.
     *
     * @param meterRegistry the registry to register on
     */
    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        if (tags != null) {
            return;
        }
        MetricTags metricTags = new MetricTags(run, variant(), model, dataset);
        Tags t = metricTags.toTags();
        // Function counters hold their counts weakly; the gauges below hold this listener (and so
        // the counts) strongly, which keeps a finished run's series alive on the registry.
        counter(meterRegistry, "greentrain.training.samples", samplesForwarded, t)
                .description("Training samples forwarded (and back-propagated)")
                .baseUnit("samples")
                .register(meterRegistry);
        FunctionCounter.builder("greentrain.forward.passes.saved", passesSaved, AtomicLong::get)
                .description("Forward passes saved by pruning: samples skipped in completed epochs")
                .tags(t)
                .register(meterRegistry);
        FunctionCounter.builder("greentrain.backward.passes.saved", passesSaved, AtomicLong::get)
                .description(
                        "Backward passes saved by pruning: samples skipped in completed epochs")
                .tags(t)
                .register(meterRegistry);
        FunctionCounter.builder("greentrain.sampler.forward.passes", samplerPasses, AtomicLong::get)
                .description(
                        "Forward passes the sampler itself spent (e.g. embedding the data for"
                                + " clustering); subtract them from the passes saved for the net"
                                + " saving")
                .tags(t)
                .register(meterRegistry);
        counter(meterRegistry, "greentrain.training.batches", batches, t)
                .description("Training batches (optimizer steps)")
                .baseUnit("batches")
                .register(meterRegistry);
        FunctionCounter.builder("greentrain.training.epochs", epochsCompleted, AtomicLong::get)
                .description("Training epochs completed")
                .baseUnit("epochs")
                .tags(t)
                .register(meterRegistry);
        FunctionCounter.builder(
                        "greentrain.training.nonfinite.losses", nonFiniteLosses, AtomicLong::get)
                .description(
                        "Per-sample training losses that were NaN or infinite, left out of the"
                                + " loss (counted when their epoch completes)")
                .tags(t)
                .register(meterRegistry);
        counter(meterRegistry, "greentrain.validation.samples", validationSamples, t)
                .description("Validation samples evaluated")
                .baseUnit("samples")
                .register(meterRegistry);
        gauge(
                meterRegistry,
                "greentrain.training.epoch",
                t,
                "Index of the epoch in progress",
                m -> m.epochsCompleted.get());
        gauge(
                meterRegistry,
                "greentrain.pruning.pruned",
                t,
                "Fraction of the dataset pruned in" + " the current epoch",
                m -> m.stat(EpochStats::prunedFraction, 0));
        gauge(
                meterRegistry,
                "greentrain.pruning.threshold",
                t,
                "InfoBatch score threshold (mean" + " score) of the current epoch",
                m -> m.stat(EpochStats::threshold, Double.NaN));
        gauge(
                meterRegistry,
                "greentrain.pruning.well.learned",
                t,
                "Fraction of the dataset" + " scoring below the threshold in the current epoch",
                m -> m.stat(EpochStats::wellLearnedFraction, 0));
        gauge(
                meterRegistry,
                "greentrain.pruning.weight",
                t,
                "Loss weight of the kept"
                        + " well-learned samples in the current epoch (1 = no rescaling)",
                m -> m.stat(s -> s.upweight(), 1));
        if (plannedEpochs > 0) {
            gauge(
                    meterRegistry,
                    "greentrain.training.epochs.planned",
                    t,
                    "Epochs the run is" + " planned to train",
                    m -> m.plannedEpochs);
        }
        if (learningRateTracker != null) {
            gauge(
                    meterRegistry,
                    "greentrain.training.learning.rate",
                    t,
                    "Learning rate of the" + " last step",
                    m -> m.learningRate);
        }
        Gauge.builder("greentrain.training.loss", this, m -> m.trainLoss)
                .strongReference(true)
                .description("Loss of the last completed epoch")
                .tags(t.and("phase", "train"))
                .register(meterRegistry);
        Gauge.builder("greentrain.training.loss", this, m -> m.validateLoss)
                .strongReference(true)
                .description("Loss of the last completed epoch")
                .tags(t.and("phase", "validate"))
                .register(meterRegistry);
        Gauge.builder("greentrain.training.accuracy", this, m -> m.trainAccuracy)
                .strongReference(true)
                .description("Accuracy of the last completed epoch")
                .baseUnit("ratio")
                .tags(t.and("phase", "train"))
                .register(meterRegistry);
        Gauge.builder("greentrain.training.accuracy", this, m -> m.validateAccuracy)
                .strongReference(true)
                .description("Accuracy of the last completed epoch")
                .baseUnit("ratio")
                .tags(t.and("phase", "validate"))
                .register(meterRegistry);
        epochTimer =
                Timer.builder("greentrain.training.epoch.duration")
                        .description("Wall time of a training epoch, validation included")
                        .tags(t)
                        .register(meterRegistry);
        djlTimer(meterRegistry, "forward", "Forward pass of a batch split (DJL trainer metric)", t);
        djlTimer(
                meterRegistry,
                "backward",
                "Loss and backward pass of a batch split (DJL" + " trainer metric)",
                t);
        djlTimer(meterRegistry, "step", "Optimizer update of a batch (DJL trainer metric)", t);
        scores =
                DistributionSummary.builder("greentrain.pruning.scores")
                        .description(
                                "Per-sample scores (latest unweighted losses) at the end of"
                                        + " each epoch")
                        .serviceLevelObjectives(SCORE_BUCKETS)
                        .tags(t)
                        .register(meterRegistry);
        if (energy != null) {
            energy.bindTo(meterRegistry, t);
        }
        tags = metricTags;
    }

    private String variant() {
        if (configuredVariant != null) {
            return configuredVariant;
        }
        PruningPolicy p = policy;
        if (p == null) {
            return "baseline";
        }
        String name =
                p.getClass()
                        .getSimpleName()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9._:-]", "");
        return name.isEmpty() || name.length() > 64 ? "pruned" : name;
    }

    private static FunctionCounter.Builder<LongAdder> counter(
            MeterRegistry registry, String name, LongAdder adder, Tags tags) {
        return FunctionCounter.builder(name, adder, LongAdder::sum).tags(tags);
    }

    private void gauge(
            MeterRegistry meterRegistry,
            String name,
            Tags t,
            String description,
            java.util.function.ToDoubleFunction<TrainingMetrics> value) {
        Gauge.builder(name, this, value)
                .description(description)
                .tags(t)
                .strongReference(true)
                .register(meterRegistry);
    }

    private void djlTimer(MeterRegistry meterRegistry, String djlName, String description, Tags t) {
        djlTimers.put(
                djlName,
                Timer.builder("greentrain.training." + djlName)
                        .description(description)
                        .tags(t)
                        .register(meterRegistry));
    }

    private double stat(java.util.function.ToDoubleFunction<EpochStats> read, double none) {
        EpochStats stats = currentEpoch;
        return stats == null ? none : read.applyAsDouble(stats);
    }

    private void bindIfNeeded() {
        if (tags == null && registry != null) {
            bindTo(registry);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void setPruningPolicy(PruningPolicy pruningPolicy) {
        this.policy = pruningPolicy;
        bindIfNeeded();
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        bridgeDjlTimers(trainer);
        epochStartNanos = System.nanoTime();
    }

    /** Puts the timer bridge in front of the trainer's metrics, unless it already is. */
    private void bridgeDjlTimers(Trainer trainer) {
        Metrics current = trainer.getMetrics();
        if (!(current instanceof DjlTimerBridge)) {
            trainer.setMetrics(new DjlTimerBridge(djlTimers, current));
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        bindIfNeeded();
        if (trainer != null && !(trainer.getMetrics() instanceof DjlTimerBridge)) {
            // the user set other Metrics after the trainer was built: bridge in front of them
            bridgeDjlTimers(trainer);
        }
        samplesForwarded.add(batchData.getBatch().getSize());
        batches.increment();
        PruningPolicy p = policy;
        if (p != null) {
            List<EpochStats> all = p.getEpochStats();
            int size = all.size();
            if (size > 0 && currentEpoch != all.get(size - 1)) {
                currentEpoch = all.get(size - 1);
            }
        }
        if (learningRateTracker != null) {
            learningRate = learningRateTracker.getNewValue((int) batches.sum());
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        validationSamples.add(batchData.getBatch().getSize());
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        bindIfNeeded();
        long now = System.nanoTime();
        if (epochTimer != null) {
            epochTimer.record(now - epochStartNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        epochStartNanos = now;
        EpochStats stats = latestUncountedEpoch();
        long skipped = stats == null ? 0 : stats.pruned();
        passesSaved.addAndGet(skipped);
        nonFiniteLosses.addAndGet(stats == null ? 0 : stats.nonFiniteLosses());
        PruningPolicy current = policy;
        long samplerTotal = current == null ? 0 : current.getSamplerForwardPasses();
        long samplerEpoch = samplerTotal - samplerPasses.getAndSet(samplerTotal);
        long samples = samplesForwarded.sum();
        if (energy != null) {
            // net of the sampler's own passes, each counted like one trained sample
            energy.onEpoch(samples - epochStartSamples, skipped - samplerEpoch);
        }
        epochStartSamples = samples;
        TrainingResult result = trainer.getTrainingResult();
        trainLoss = orNaN(result.getTrainLoss());
        validateLoss = orNaN(result.getValidateLoss());
        trainAccuracy = orNaN(result.getTrainEvaluation(accuracyName));
        validateAccuracy = orNaN(result.getValidateEvaluation(accuracyName));
        PruningPolicy p = policy;
        if (p != null && scores != null) {
            p.forEachScore(scores::record);
        }
        epochsCompleted.incrementAndGet();
    }

    /** Ends energy sampling and logs the energy summary, if energy is measured. */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (energy != null) {
            energy.finish();
        }
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
        currentEpoch = latest;
        if (latest.epoch() <= lastCountedEpoch) {
            return null;
        }
        lastCountedEpoch = latest.epoch();
        return latest;
    }

    private static double orNaN(Float value) {
        return value == null ? Double.NaN : value;
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
         * Sets the variant tag; by default the pruning policy's name ({@code infobatch}) or {@code
         * baseline} without pruning.
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
         * Also publishes energy, CO2 and the energy pruning saved, with this run's tags.
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
