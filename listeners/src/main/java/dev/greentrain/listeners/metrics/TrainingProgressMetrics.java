package dev.greentrain.listeners.metrics;

import ai.djl.training.TrainingResult;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The progress of a training run: samples, batches, epochs, validation samples, the last epoch's
 * loss and accuracy, the learning rate and the epoch's wall time; bindable to any number of
 * registries.
 */
final class TrainingProgressMetrics implements MeterBinder {

    private final Tags tags;
    private final String accuracyName;
    private final int plannedEpochs;
    private final boolean publishLearningRate;
    private final LongAdder samplesForwarded = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder validationSamples = new LongAdder();
    private final AtomicLong epochsCompleted = new AtomicLong();
    private final BoundMeters<Timer> epochTimers = new BoundMeters<>();
    private volatile double learningRate = Double.NaN;
    private volatile double trainLoss = Double.NaN;
    private volatile double trainAccuracy = Double.NaN;
    private volatile double validateLoss = Double.NaN;
    private volatile double validateAccuracy = Double.NaN;

    /**
     * Creates the progress meters of one run.
     *
     * @param tags the run's tags
     * @param accuracyName the name of the accuracy evaluator to publish
     * @param plannedEpochs the epochs the run plans, or 0 to publish no plan
     * @param publishLearningRate whether the learning rate is published
     */
    TrainingProgressMetrics(
            Tags tags, String accuracyName, int plannedEpochs, boolean publishLearningRate) {
        this.tags = tags;
        this.accuracyName = accuracyName;
        this.plannedEpochs = plannedEpochs;
        this.publishLearningRate = publishLearningRate;
    }

    /** Registers the progress meters on a registry (every registry it is bound to gets them). */
    @Override
    public void bindTo(MeterRegistry registry) {
        // Function counters hold their counts weakly; the gauges below hold this binder (and so
        // the counts) strongly, which keeps a finished run's series alive on the registry.
        FunctionCounter.builder("greentrain.training.samples", samplesForwarded, LongAdder::sum)
                .description("Training samples forwarded (and back-propagated)")
                .baseUnit("samples")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("greentrain.training.batches", batches, LongAdder::sum)
                .description("Training batches (optimizer steps)")
                .baseUnit("batches")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("greentrain.training.epochs", epochsCompleted, AtomicLong::get)
                .description("Training epochs completed")
                .baseUnit("epochs")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("greentrain.validation.samples", validationSamples, LongAdder::sum)
                .description("Validation samples evaluated")
                .baseUnit("samples")
                .tags(tags)
                .register(registry);
        gauge(
                registry,
                "greentrain.training.epoch",
                "Index of the epoch in progress",
                m -> m.epochsCompleted.get());
        if (plannedEpochs > 0) {
            gauge(
                    registry,
                    "greentrain.training.epochs.planned",
                    "Epochs the run is planned to train",
                    m -> m.plannedEpochs);
        }
        if (publishLearningRate) {
            gauge(
                    registry,
                    "greentrain.training.learning.rate",
                    "Learning rate of the last step",
                    m -> m.learningRate);
        }
        phaseGauge(registry, "greentrain.training.loss", "Loss", null, "train", m -> m.trainLoss);
        phaseGauge(
                registry,
                "greentrain.training.loss",
                "Loss",
                null,
                "validate",
                m -> m.validateLoss);
        phaseGauge(
                registry,
                "greentrain.training.accuracy",
                "Accuracy",
                "ratio",
                "train",
                m -> m.trainAccuracy);
        phaseGauge(
                registry,
                "greentrain.training.accuracy",
                "Accuracy",
                "ratio",
                "validate",
                m -> m.validateAccuracy);
        epochTimers.add(
                Timer.builder("greentrain.training.epoch.duration")
                        .description("Wall time of a training epoch, validation included")
                        .tags(tags)
                        .register(registry));
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            ToDoubleFunction<TrainingProgressMetrics> value) {
        Gauge.builder(name, this, value)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private void phaseGauge(
            MeterRegistry registry,
            String name,
            String what,
            String baseUnit,
            String phase,
            ToDoubleFunction<TrainingProgressMetrics> value) {
        Gauge.builder(name, this, value)
                .strongReference(true)
                .description(what + " of the last completed epoch")
                .baseUnit(baseUnit)
                .tags(tags.and("phase", phase))
                .register(registry);
    }

    /**
     * Counts one trained batch.
     *
     * @param samples the samples in the batch
     * @return the batches trained so far, this one included
     */
    long recordTrainingBatch(long samples) {
        samplesForwarded.add(samples);
        batches.increment();
        return batches.sum();
    }

    /** Sets the learning rate of the last step. */
    void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Counts one validation batch of the given size. */
    void recordValidationBatch(long samples) {
        validationSamples.add(samples);
    }

    /**
     * Accounts one completed epoch: its wall time and the trainer's loss and accuracy.
     *
     * @param nanos the epoch's wall time, validation included
     * @param result the trainer's results after the epoch
     */
    void recordEpoch(long nanos, TrainingResult result) {
        epochTimers.forEach(timer -> timer.record(nanos, TimeUnit.NANOSECONDS));
        trainLoss = orNaN(result.getTrainLoss());
        validateLoss = orNaN(result.getValidateLoss());
        trainAccuracy = orNaN(result.getTrainEvaluation(accuracyName));
        validateAccuracy = orNaN(result.getValidateEvaluation(accuracyName));
        epochsCompleted.incrementAndGet();
    }

    /** Returns the training samples forwarded so far. */
    long samplesForwarded() {
        return samplesForwarded.sum();
    }

    private static double orNaN(Float value) {
        return value == null ? Double.NaN : value;
    }
}
