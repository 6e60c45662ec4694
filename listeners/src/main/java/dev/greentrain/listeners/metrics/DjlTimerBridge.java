package dev.greentrain.listeners.metrics;

import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import java.util.List;
import java.util.Set;

/**
 * DJL {@link Metrics} that also records the trainer's own timings into Micrometer timers, so
 * nothing is measured twice.
 *
 * <p>The trainer reports "forward", "backward" and "step" (the optimizer update) as nanoseconds
 * labelled COUNT. When the trainer already had {@code Metrics}, every value is passed on to them
 * and every read is answered by them, so the user's metrics keep working. Otherwise the values are
 * kept here with DJL's limit: a name's list is cleared once it holds {@value #LIMIT} values.
 */
final class DjlTimerBridge extends Metrics {

    static final int LIMIT = 1000;

    private final DjlTimerMetrics timers;
    private final Metrics delegate;

    DjlTimerBridge(DjlTimerMetrics timers, Metrics delegate) {
        this.timers = timers;
        this.delegate = delegate;
        setLimit(LIMIT);
    }

    @Override
    public void addMetric(Metric metric) {
        timers.record(metric.getMetricName(), metric.getValue().longValue());
        if (delegate != null) {
            delegate.addMetric(metric);
        } else {
            super.addMetric(metric);
        }
    }

    @Override
    public boolean hasMetric(String name) {
        return delegate != null ? delegate.hasMetric(name) : super.hasMetric(name);
    }

    @Override
    public List<Metric> getMetric(String name) {
        return delegate != null ? delegate.getMetric(name) : super.getMetric(name);
    }

    @Override
    public Set<String> getMetricNames() {
        return delegate != null ? delegate.getMetricNames() : super.getMetricNames();
    }

    @Override
    public Metric latestMetric(String name) {
        return delegate != null ? delegate.latestMetric(name) : super.latestMetric(name);
    }

    @Override
    public Metric percentile(String metricName, int percentile) {
        return delegate != null
                ? delegate.percentile(metricName, percentile)
                : super.percentile(metricName, percentile);
    }

    @Override
    public double mean(String metricName) {
        return delegate != null ? delegate.mean(metricName) : super.mean(metricName);
    }
}
