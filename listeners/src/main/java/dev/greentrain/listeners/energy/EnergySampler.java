package dev.greentrain.listeners.energy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every energy source on its own daemon thread at a fixed interval (and on demand at epoch
 * boundaries), keeping each source's energy since sampling started and its power over the time
 * since the previous reading.
 */
final class EnergySampler implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EnergySampler.class);

    private final List<EnergySource> sources;
    private final double[] baseline;
    private final double[] joules;
    private final double[] watts;
    private final double[] lastJoules;
    private final boolean[] failed;
    private final ScheduledExecutorService thread;
    private long lastNanos = System.nanoTime();

    EnergySampler(List<EnergySource> sources, Duration interval) {
        this.sources = List.copyOf(sources);
        this.baseline = new double[sources.size()];
        this.joules = new double[sources.size()];
        this.watts = new double[sources.size()];
        this.lastJoules = new double[sources.size()];
        this.failed = new boolean[sources.size()];
        // count from now: what the sources used before sampling started is not the run's
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = this.sources.get(i).joules();
        }
        this.thread =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread t = new Thread(runnable, "greentrain-energy");
                            t.setDaemon(true);
                            return t;
                        });
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleAtFixedRate(this::sample, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads every source now and updates each source's power over the time since the previous
     * periodic reading; a source that fails keeps its last value and warns once.
     */
    synchronized void sample() {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        lastNanos = now;
        read();
        for (int i = 0; i < joules.length; i++) {
            watts[i] = seconds > 0 ? (joules[i] - lastJoules[i]) / seconds : watts[i];
            lastJoules[i] = joules[i];
        }
    }

    /**
     * Reads every source now without touching the power figures, e.g. at a phase boundary.
     *
     * @return each source's energy since sampling started, in the sources' order
     */
    synchronized double[] read() {
        for (int i = 0; i < joules.length; i++) {
            try {
                joules[i] = sources.get(i).joules() - baseline[i];
            } catch (RuntimeException e) {
                if (!failed[i]) {
                    failed[i] = true;
                    logger.warn(
                            "Energy source {} ({}) failed: {}; its last value is kept.",
                            sources.get(i).component(),
                            sources.get(i).method(),
                            e.toString());
                }
            }
        }
        return joules.clone();
    }

    synchronized double joules(int source) {
        return joules[source];
    }

    synchronized double watts(int source) {
        return watts[source];
    }

    synchronized double totalJoules() {
        double total = 0;
        for (double value : joules) {
            total += value;
        }
        return total;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        sample();
    }
}
