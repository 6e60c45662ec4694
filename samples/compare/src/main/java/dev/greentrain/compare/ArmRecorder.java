package dev.greentrain.compare;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A listener that records an arm's epochs: samples and passes per phase, wall time and energy per
 * phase (train, evaluate, method), and the deciding metric. Added after the trainer's evaluator
 * listeners, so that the epoch's validation figures are ready when it reads them.
 */
final class ArmRecorder extends TrainingListenerAdapter {

    private final DecidingMetric metric;
    private final Map<String, String> reportedMetrics;
    private final ArmEnergy energy;
    private final ArmClock clock;
    private final DoubleSupplier forecast;
    private MeteredPolicy policy;
    private final List<EpochPoint> points = new ArrayList<>();
    private long epochStart;
    private double epochStartJoules;
    private long lastTrainingBatchEnd;
    private double lastTrainingBatchJoules;
    private long accountedEnd;
    private double accountedJoules;
    private long trainSamples;
    private long evaluationSamples;
    private double methodSecondsBefore;
    private double methodJoulesBefore;
    private long methodPassesBefore;

    /**
     * Creates a recorder.
     *
     * @param metric the deciding metric, read after every epoch
     * @param reportedMetrics the evaluators also reported after every epoch, by report name
     * @param energy the arm's energy
     * @param clock the arm's own clock
     * @param forecast the arm's energy forecast, read after every epoch
     */
    ArmRecorder(
            DecidingMetric metric,
            Map<String, String> reportedMetrics,
            ArmEnergy energy,
            ArmClock clock,
            DoubleSupplier forecast) {
        this.metric = metric;
        this.reportedMetrics = reportedMetrics;
        this.energy = energy;
        this.clock = clock;
        this.forecast = forecast;
    }

    /**
     * Sets the arm's timed policy, whose work is the method phase.
     *
     * @param policy the policy, or {@code null} for full-data training
     */
    void setPolicy(MeteredPolicy policy) {
        this.policy = policy;
    }

    /** Marks the start of the arm's next epoch: its train phase (and method phase) begin now. */
    void beginEpoch() {
        epochStart = clock.nanos();
        epochStartJoules = energy.joules();
        lastTrainingBatchEnd = epochStart;
        lastTrainingBatchJoules = epochStartJoules;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        Batch batch = batchData.getBatch();
        trainSamples += batch.getSize();
        if (batch.getProgress() + 1 >= batch.getProgressTotal()) {
            // only the epoch's last training batch ends the train phase: no reads per batch
            lastTrainingBatchEnd = clock.nanos();
            lastTrainingBatchJoules = energy.joules();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        evaluationSamples += batchData.getBatch().getSize();
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        long end = clock.nanos();
        double endJoules = energy.joules();
        accountedEnd = end;
        accountedJoules = endJoules;
        double methodSeconds = policy == null ? 0 : policy.seconds() - methodSecondsBefore;
        double methodJoules = policy == null ? 0 : policy.joules() - methodJoulesBefore;
        long methodPasses =
                policy == null ? 0 : policy.getSamplerForwardPasses() - methodPassesBefore;
        int epoch = points.size();
        points.add(
                new EpochPoint(
                        epoch,
                        trainSamples,
                        evaluationSamples,
                        methodPasses,
                        Math.max(0, (lastTrainingBatchEnd - epochStart) / 1e9 - methodSeconds),
                        (end - lastTrainingBatchEnd) / 1e9,
                        methodSeconds,
                        Math.max(0, lastTrainingBatchJoules - epochStartJoules - methodJoules),
                        endJoules - lastTrainingBatchJoules,
                        methodJoules,
                        metric.read(trainer.getTrainingResult(), epoch),
                        forecast.getAsDouble(),
                        reported(trainer, epoch)));
        if (policy != null) {
            methodSecondsBefore = policy.seconds();
            methodJoulesBefore = policy.joules();
            methodPassesBefore = policy.getSamplerForwardPasses();
        }
        trainSamples = 0;
        evaluationSamples = 0;
    }

    /**
     * Adds what the arm spent after its epoch was accounted (the listeners after this one and the
     * fit's teardown, until the arm's window closed) to the epoch's evaluation phase, so that the
     * epochs' sum is all the energy and time the arm's window saw, as the exported total is.
     *
     * @param epochs the number of epochs recorded before the fit; nothing is added if the fit
     *     recorded none
     */
    void closeEpoch(int epochs) {
        if (points.size() == epochs) {
            return;
        }
        int last = points.size() - 1;
        points.set(
                last,
                points.get(last)
                        .withEvaluationTail(
                                (clock.nanos() - accountedEnd) / 1e9,
                                energy.joules() - accountedJoules));
    }

    /** Reads the reported metrics; one the evaluation could not compute (NaN) is left out. */
    private Map<String, Double> reported(Trainer trainer, int epoch) {
        Map<String, Double> values = new LinkedHashMap<>();
        reportedMetrics.forEach(
                (name, evaluator) -> {
                    double value =
                            DecidingMetric.accuracy()
                                    .withEvaluator(name, evaluator)
                                    .read(trainer.getTrainingResult(), epoch);
                    if (Double.isFinite(value)) {
                        values.put(name, value);
                    }
                });
        return values;
    }

    /**
     * Returns the epochs recorded so far.
     *
     * @return one point per finished epoch
     */
    List<EpochPoint> points() {
        return Collections.unmodifiableList(points);
    }
}
