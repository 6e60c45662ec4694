package dev.greentrain.compare;

import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.export.PrometheusEndpoint;
import dev.greentrain.listeners.export.PushgatewayPublisher;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample's metrics: per run the metrics listener (with energy) and an optional Pushgateway
 * publisher, and an optional endpoint shared by all runs.
 */
public final class MetricsSetup implements AutoCloseable {

    private final PrometheusMeterRegistry endpointRegistry;
    private final PrometheusEndpoint endpoint;
    private final String pushgateway;
    private final Duration pushInterval;
    private final String runPrefix;

    /**
     * Starts the endpoint if a port is given.
     *
     * @param host the address to bind the endpoint to
     * @param port the endpoint port (0 = any free port), or {@code null} for no endpoint
     * @param pushgateway the Pushgateway's host:port, or {@code null} for no push
     * @param pushInterval the interval between pushes
     * @param runPrefix the prefix of every run id
     * @throws IOException if the endpoint cannot be started
     */
    public MetricsSetup(
            String host, Integer port, String pushgateway, Duration pushInterval, String runPrefix)
            throws IOException {
        this.pushgateway = pushgateway;
        this.pushInterval = pushInterval;
        this.runPrefix = runPrefix;
        if (port != null) {
            endpointRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            endpoint =
                    PrometheusEndpoint.builder()
                            .setRegistry(endpointRegistry)
                            .optHost(host)
                            .optPort(port)
                            .build();
            System.out.println("Metrics: " + endpoint.getUrl());
        } else {
            endpointRegistry = null;
            endpoint = null;
        }
    }

    /**
     * Returns a set-up that measures every arm but publishes nothing.
     *
     * @return metrics with no endpoint and no Pushgateway
     */
    public static MetricsSetup none() {
        try {
            return new MetricsSetup(null, null, null, Duration.ZERO, "greentrain");
        } catch (IOException e) {
            throw new IllegalStateException("no endpoint is started, so nothing can fail", e);
        }
    }

    /**
     * Returns the listeners that measure and publish one run (published only where an endpoint or
     * Pushgateway is configured).
     *
     * @param run the run tag, see {@link #runId(String, long)}
     * @param variant the variant tag, e.g. {@code baseline} or {@code infobatch}
     * @param model the model tag
     * @param learningRate the optimizer's learning-rate tracker, or {@code null} if unknown
     * @param energy the run's energy metrics
     * @param epochs the epochs the run will train
     * @return the listeners to add to the run's training config
     */
    public List<TrainingListener> listenersFor(
            String run,
            String variant,
            String model,
            Tracker learningRate,
            EnergyMetrics energy,
            int epochs) {
        List<TrainingListener> listeners = new ArrayList<>();
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        if (endpointRegistry != null) {
            registry.add(endpointRegistry);
        }
        TrainingMetrics.Builder metrics =
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun(run)
                        .optVariant(variant)
                        .optModel(model)
                        .optDataset(model)
                        .optEnergy(energy)
                        .optPlannedEpochs(epochs);
        if (learningRate != null) {
            metrics.optLearningRate(learningRate);
        }
        listeners.add(metrics.build());
        if (pushgateway != null) {
            // one registry per pushed run, so the group (job, run) holds only its own series
            PrometheusMeterRegistry pushRegistry =
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.add(pushRegistry);
            listeners.add(
                    PushgatewayPublisher.builder()
                            .setRegistry(pushRegistry)
                            .setAddress(pushgateway)
                            .setRun(run)
                            .optInterval(pushInterval)
                            .build());
        }
        return listeners;
    }

    /**
     * Returns the {@code run} tag of one run: the prefix, the variant and the seed.
     *
     * @param variant the variant's name
     * @param seed the run's seed
     * @return e.g. {@code fashion-mnist-infobatch-seed42}
     */
    public String runId(String variant, long seed) {
        return runPrefix + "-" + variant + "-seed" + seed;
    }

    /**
     * Returns the port the endpoint listens on.
     *
     * @return the bound port
     * @throws IllegalStateException when no endpoint was asked for
     */
    public int getEndpointPort() {
        if (endpoint == null) {
            throw new IllegalStateException(
                    "No metrics endpoint is running: pass a port (0 for any free port).");
        }
        return endpoint.getPort();
    }

    /**
     * Keeps serving for a while so that a scraper sees the final values, then stops the endpoint.
     *
     * @param linger how long to keep serving
     * @throws InterruptedException if interrupted while waiting
     */
    public void closeAfter(Duration linger) throws InterruptedException {
        if (endpoint != null && !linger.isZero()) {
            System.out.println("Serving the final metrics for " + linger.toSeconds() + " s more.");
            Thread.sleep(linger.toMillis());
        }
        close();
    }

    /** Stops the endpoint. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
