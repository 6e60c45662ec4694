package dev.greentrain.compare;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * One epoch of an arm: what it cost, phase by phase, and the deciding metric after it.
 *
 * @param epoch the epoch, from 0
 * @param trainSamples training samples forwarded (each also gets one backward pass)
 * @param evaluationSamples samples forwarded by the evaluation after the epoch
 * @param methodPasses forward passes the method spent on its own work (scoring, embedding,
 *     selection), 0 for methods that need none
 * @param trainSeconds wall time of the training batches, the method's own work excluded
 * @param evaluationSeconds wall time of the evaluation after the epoch
 * @param methodSeconds wall time of the method's own work (planning the epoch, clustering)
 * @param trainJoules energy of the train phase
 * @param evaluationJoules energy of the evaluation phase
 * @param methodJoules energy of the method phase
 * @param metric the deciding metric after the epoch
 * @param forecastJoules the arm's energy forecast for its whole run after this epoch: energy so far
 *     plus energy per trained sample so far times the samples its policy still plans
 * @param reportedMetrics the workload's reported (not deciding) validation metrics after the epoch
 *     by name, e.g. {@code tail-class accuracy}; empty when it reports none (and in files saved
 *     before they existed)
 */
public record EpochPoint(
        int epoch,
        long trainSamples,
        long evaluationSamples,
        long methodPasses,
        double trainSeconds,
        double evaluationSeconds,
        double methodSeconds,
        double trainJoules,
        double evaluationJoules,
        double methodJoules,
        double metric,
        double forecastJoules,
        @JsonProperty("reportedMetrics")
                @JacksonInject(value = EpochPoint.NONE_REPORTED, useInput = OptBoolean.TRUE)
                Map<String, Double> reportedMetrics) {

    /**
     * Returns this point with time and energy added to its evaluation phase.
     *
     * @param seconds the seconds to add
     * @param joules the joules to add
     * @return the amended point
     */
    EpochPoint withEvaluationTail(double seconds, double joules) {
        return new EpochPoint(
                epoch,
                trainSamples,
                evaluationSamples,
                methodPasses,
                trainSeconds,
                evaluationSeconds + seconds,
                methodSeconds,
                trainJoules,
                evaluationJoules + joules,
                methodJoules,
                metric,
                forecastJoules,
                reportedMetrics);
    }

    /** The injectable value a saved file without reported metrics reads as: none. */
    static final String NONE_REPORTED = "greentrain.noReportedMetrics";

    /** Copies the reported metrics. */
    public EpochPoint {
        reportedMetrics = Map.copyOf(reportedMetrics);
    }

    /**
     * Returns the backward passes of the epoch: one per trained sample.
     *
     * @return the training samples
     */
    public long backwardPasses() {
        return trainSamples;
    }

    /**
     * Returns the wall time the method changes: training plus the method's own work.
     *
     * @return seconds, evaluation excluded
     */
    public double costSeconds() {
        return trainSeconds + methodSeconds;
    }

    /**
     * Returns the energy of all three phases.
     *
     * @return joules
     */
    public double joules() {
        return trainJoules + evaluationJoules + methodJoules;
    }
}
