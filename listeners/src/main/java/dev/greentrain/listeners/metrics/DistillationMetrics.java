package dev.greentrain.listeners.metrics;

import dev.greentrain.distill.DistillationListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The work of a dataset distillation: iterations and forward passes of real, synthetic and
 * clustered images, fed by the distillation's {@link DistillationListener} events and bindable to
 * any number of registries.
 *
 * <p>The counters count what this process did, from zero, as Prometheus counters do: on a fresh run
 * every iteration and pass (DREAM's k-means initialisation included), on a resumed run those after
 * the checkpoint's. The {@code greentrain.distill.iteration} gauge is the iteration the run has
 * reached, the checkpoint's included. Every meter carries the caller's {@link MetricTags}.
 *
 * <pre>{@code
 * DistillationMetrics metrics = new DistillationMetrics(tags);
 * metrics.bindTo(registry);
 * Distillation.builder()...optListener(metrics).build().run(manager);
 * }</pre>
 */
public final class DistillationMetrics implements MeterBinder, DistillationListener {

    /** The {@code kind} tag of the forward passes of the real batches. */
    public static final String REAL = "real";

    /** The {@code kind} tag of the forward passes of the synthetic images. */
    public static final String SYNTHETIC = "synthetic";

    /** The {@code kind} tag of the forward passes embedding real images for clustering. */
    public static final String CLUSTERING = "clustering";

    private static final ToLongFunction<Progress> ITERATIONS = Progress::iteration;

    private final Tags tags;
    private Progress baseline;
    private Progress latest;

    /**
     * Creates the meters of one distillation.
     *
     * @param tags the run's tags, set by the caller (e.g. the sampler in the variant)
     */
    public DistillationMetrics(MetricTags tags) {
        this.tags = Objects.requireNonNull(tags, "tags").toTags();
    }

    /** Registers the meters on a registry (every registry it is bound to gets them). */
    @Override
    public void bindTo(MeterRegistry registry) {
        // Function counters hold this binder weakly; the gauge holds it strongly, which keeps a
        // finished run's series on the registry.
        Gauge.builder("greentrain.distill.iteration", this, m -> m.reached())
                .description("Iterations the distillation has completed, a resumed run's included")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("greentrain.distill.iterations", this, m -> m.done(ITERATIONS))
                .description("Distillation iterations run by this process")
                .baseUnit("iterations")
                .tags(tags)
                .register(registry);
        passes(registry, REAL, Progress::realForwards);
        passes(registry, SYNTHETIC, Progress::syntheticForwards);
        passes(registry, CLUSTERING, Progress::clusteringForwards);
    }

    private void passes(MeterRegistry registry, String kind, ToLongFunction<Progress> count) {
        FunctionCounter.builder("greentrain.distill.forward.passes", this, m -> m.done(count))
                .description(
                        "Images forwarded by the distillation in this process, by kind: real"
                                + " (matching batches), synthetic, clustering (embedded for"
                                + " DREAM's k-means)")
                .baseUnit("passes")
                .tags(tags.and("kind", kind))
                .register(registry);
    }

    private synchronized double done(ToLongFunction<Progress> figure) {
        if (latest == null) {
            return 0;
        }
        long before = baseline == null ? 0 : figure.applyAsLong(baseline);
        return figure.applyAsLong(latest) - before;
    }

    private synchronized double reached() {
        return latest == null ? 0 : latest.iteration();
    }

    /**
     * Takes the run's starting figures: a resumed run's (its checkpoint's) are not this process's
     * work and are left out of the counters; a fresh run's initialisation passes count.
     */
    @Override
    public synchronized void onStart(Progress start) {
        latest = figures(start);
        baseline = start.iteration() > 0 ? latest : null;
    }

    /** Takes an iteration's figures (the run's totals so far). */
    @Override
    public synchronized void onIteration(Progress progress) {
        latest = figures(progress);
    }

    /** Returns the figures without the synthetic set, which this binder does not keep. */
    private static Progress figures(Progress progress) {
        return new Progress(
                progress.iteration(),
                progress.loss(),
                progress.realForwards(),
                progress.syntheticForwards(),
                progress.clusteringForwards(),
                null);
    }
}
