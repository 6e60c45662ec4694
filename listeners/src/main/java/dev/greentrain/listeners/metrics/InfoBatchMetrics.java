package dev.greentrain.listeners.metrics;

import dev.greentrain.infobatch.InfoBatchDetails;
import dev.greentrain.pruning.EpochStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * InfoBatch's own statistics ({@link InfoBatchDetails}) of the current epoch: its threshold, the
 * well-learned share and the up-weight; bindable to any number of registries. Registered for every
 * run so that dashboards find the series; an epoch without InfoBatch details reads as no threshold
 * ({@code NaN}), nothing well-learned and weight 1.
 */
final class InfoBatchMetrics implements MeterBinder {

    private final Tags tags;
    private volatile EpochStats current;

    /**
     * Creates InfoBatch's meters of one run.
     *
     * @param tags the run's tags
     */
    InfoBatchMetrics(Tags tags) {
        this.tags = tags;
    }

    /** Registers InfoBatch's gauges on a registry (every registry it is bound to gets them). */
    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "greentrain.pruning.threshold",
                "InfoBatch score threshold (mean score) of the current epoch",
                m -> m.read(InfoBatchDetails::threshold, Double.NaN));
        gauge(
                registry,
                "greentrain.pruning.well.learned",
                "Fraction of the dataset scoring below the threshold in the current epoch",
                m -> m.wellLearnedFraction());
        gauge(
                registry,
                "greentrain.pruning.weight",
                "Loss weight of the kept well-learned samples in the current epoch (1 = no"
                        + " rescaling)",
                m -> m.read(InfoBatchDetails::upweight, 1));
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            ToDoubleFunction<InfoBatchMetrics> value) {
        Gauge.builder(name, this, value)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    /** Makes an epoch's statistics (planned or completed) the current ones. */
    void observe(EpochStats stats) {
        current = stats;
    }

    private double wellLearnedFraction() {
        EpochStats stats = current;
        return stats == null
                ? 0
                : stats.details(InfoBatchDetails.class)
                        .map(d -> d.wellLearnedFraction(stats.datasetSize()))
                        .orElse(0.0);
    }

    private double read(ToDoubleFunction<InfoBatchDetails> field, double none) {
        EpochStats stats = current;
        if (stats == null) {
            return none;
        }
        return stats.details(InfoBatchDetails.class).map(field::applyAsDouble).orElse(none);
    }
}
