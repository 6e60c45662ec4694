package dev.greentrain.listeners.metrics;

import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pruning policy's core statistics say, for any policy: the fraction pruned, the forward and
 * backward passes saved, the sampler's own forward passes, the non-finite losses and the score
 * histogram; bindable to any number of registries. A run without a policy publishes zeros.
 */
final class PolicyMetrics implements MeterBinder {

    /** Histogram bucket boundaries of the score summary: per-sample losses from 1e-4 to 20. */
    static final double[] SCORE_BUCKETS = {
        1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20
    };

    private final Tags tags;
    private final AtomicLong passesSaved = new AtomicLong();
    private final AtomicLong samplerPasses = new AtomicLong();
    private final AtomicLong nonFiniteLosses = new AtomicLong();
    private long samplerPassesOfLastEpoch;
    private final BoundMeters<DistributionSummary> scores = new BoundMeters<>();
    private volatile EpochStats current;

    /**
     * Creates the policy meters of one run.
     *
     * @param tags the run's tags
     */
    PolicyMetrics(Tags tags) {
        this.tags = tags;
    }

    /** Registers the policy meters on a registry (every registry it is bound to gets them). */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("greentrain.forward.passes.saved", passesSaved, AtomicLong::get)
                .description("Forward passes saved by pruning: samples skipped in completed epochs")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("greentrain.backward.passes.saved", passesSaved, AtomicLong::get)
                .description(
                        "Backward passes saved by pruning: samples skipped in completed epochs")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("greentrain.sampler.forward.passes", samplerPasses, AtomicLong::get)
                .description(
                        "Forward passes the sampler itself spent (e.g. embedding the data for"
                                + " clustering); subtract them from the passes saved for the net"
                                + " saving")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "greentrain.training.nonfinite.losses", nonFiniteLosses, AtomicLong::get)
                .description(
                        "Per-sample training losses that were NaN or infinite, left out of the"
                                + " loss (counted when their epoch completes)")
                .tags(tags)
                .register(registry);
        // holds this binder (and so the counts above) strongly: a finished run's series stay
        Gauge.builder("greentrain.pruning.pruned", this, PolicyMetrics::prunedFraction)
                .description("Fraction of the dataset pruned in the current epoch")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        scores.add(
                DistributionSummary.builder("greentrain.pruning.scores")
                        .description(
                                "Per-sample scores (latest unweighted losses) at the end of"
                                        + " each epoch")
                        .serviceLevelObjectives(SCORE_BUCKETS)
                        .tags(tags)
                        .register(registry));
    }

    private double prunedFraction() {
        EpochStats stats = current;
        return stats == null ? 0 : stats.prunedFraction();
    }

    /** Makes an epoch's statistics (planned or completed) the current ones. */
    void observe(EpochStats stats) {
        current = stats;
    }

    /**
     * Accounts a completed epoch once: its pruned samples, its non-finite losses and the sampler's
     * forward passes so far.
     *
     * @param completed the epoch's statistics, or {@code null} when no new epoch completed
     * @param samplerPassesTotal the policy's own forward passes since it was built
     * @return the epoch's passes saved net of the sampler's passes spent since the last epoch
     */
    long recordEpoch(EpochStats completed, long samplerPassesTotal) {
        long skipped = completed == null ? 0 : completed.pruned();
        passesSaved.addAndGet(skipped);
        nonFiniteLosses.addAndGet(completed == null ? 0 : completed.nonFiniteLosses());
        long samplerEpoch = samplerPassesTotal - samplerPasses.getAndSet(samplerPassesTotal);
        samplerPassesOfLastEpoch = samplerEpoch;
        return skipped - samplerEpoch;
    }

    /** Returns the sampler's forward passes the last {@link #recordEpoch} accounted. */
    long samplerPassesOfLastEpoch() {
        return samplerPassesOfLastEpoch;
    }

    /** Records every current per-sample score of a policy in the score histogram. */
    void recordScores(PruningPolicy policy) {
        policy.forEachScore(score -> scores.forEach(summary -> summary.record(score)));
    }

    /** Returns the forward passes saved so far. */
    long passesSaved() {
        return passesSaved.get();
    }
}
