package dev.greentrain.listeners.metrics;

import ai.djl.metric.Metrics;
import ai.djl.training.Trainer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The DJL trainer's own timings (forward, backward, step) as Micrometer timers, bindable to any
 * number of registries; opt-in, because it puts a {@link DjlTimerBridge} in front of the trainer's
 * {@link Metrics} (which keeps serving every read).
 */
final class DjlTimerMetrics implements MeterBinder {

    /** DJL's metric names and the descriptions of their timers. */
    private static final Map<String, String> TIMINGS =
            Map.of(
                    "forward", "Forward pass of a batch split (DJL trainer metric)",
                    "backward", "Loss and backward pass of a batch split (DJL trainer metric)",
                    "step", "Optimizer update of a batch (DJL trainer metric)");

    private final Tags tags;
    private final Map<String, BoundMeters<Timer>> timers =
            Map.of(
                    "forward", new BoundMeters<>(),
                    "backward", new BoundMeters<>(),
                    "step", new BoundMeters<>());

    /**
     * Creates the DJL timers of one run.
     *
     * @param tags the run's tags
     */
    DjlTimerMetrics(Tags tags) {
        this.tags = tags;
    }

    /** Registers the timers on a registry (every registry it is bound to gets them). */
    @Override
    public void bindTo(MeterRegistry registry) {
        TIMINGS.forEach(
                (djlName, description) ->
                        timers.get(djlName)
                                .add(
                                        Timer.builder("greentrain.training." + djlName)
                                                .description(description)
                                                .tags(tags)
                                                .register(registry)));
    }

    /** Records a DJL metric's value (nanoseconds) if it is one of the bridged timings. */
    void record(String djlName, long nanos) {
        BoundMeters<Timer> bound = timers.get(djlName);
        if (bound != null) {
            bound.forEach(timer -> timer.record(nanos, TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Puts the bridge in front of the trainer's metrics, unless it already is; the metrics the
     * trainer had keep receiving every value and answering every read.
     *
     * @param trainer the trainer whose timings to bridge
     */
    void install(Trainer trainer) {
        Metrics current = trainer.getMetrics();
        if (!(current instanceof DjlTimerBridge)) {
            trainer.setMetrics(new DjlTimerBridge(this, current));
        }
    }
}
