package dev.greentrain.listeners.metrics;

import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * DJL {@link Metrics} that also records the trainer's own timings into Micrometer timers, so
 * nothing is measured twice.
 *
 * <p>The trainer reports "forward", "backward" and "step" (the optimizer update) as nanoseconds
 * labelled COUNT. DJL's lists are kept, but bounded to the latest {@value #KEPT_PER_NAME} values
 * per name so a long run does not grow them without end.
 */
final class DjlTimerBridge extends Metrics {

    static final int KEPT_PER_NAME = 1000;

    private final Map<String, Timer> timers;

    DjlTimerBridge(Map<String, Timer> timers) {
        this.timers = timers;
        setLimit(KEPT_PER_NAME);
    }

    @Override
    public void addMetric(Metric metric) {
        Timer timer = timers.get(metric.getMetricName());
        if (timer != null) {
            timer.record(metric.getValue().longValue(), TimeUnit.NANOSECONDS);
        }
        super.addMetric(metric);
    }
}
