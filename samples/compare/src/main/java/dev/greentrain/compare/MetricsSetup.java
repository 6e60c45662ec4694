package dev.greentrain.compare;

import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.export.ExportSettings;
import dev.greentrain.listeners.export.PrometheusEndpoint;
import dev.greentrain.listeners.export.PushgatewayPublisher;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The sample's metrics: per run the metrics listener (with energy) and an optional Pushgateway
 * publisher, and an optional endpoint shared by all runs.
 */
public final class MetricsSetup implements AutoCloseable {

    /** The run id prefix when the settings give none. */
    private static final String DEFAULT_RUN_PREFIX = "greentrain";

    private final PrometheusMeterRegistry endpointRegistry;
    private final PrometheusEndpoint endpoint;
    private final ExportSettings settings;
    private final String runPrefix;
    private final List<PushgatewayPublisher> publishers = new ArrayList<>();

    /**
     * Starts the endpoint if the settings ask for one (with their address and credentials).
     *
     * @param settings what to serve and push; their run id, if any, is the prefix of every run id
     * @throws IOException if the endpoint cannot be started
     */
    public MetricsSetup(ExportSettings settings) throws IOException {
        this.settings = settings;
        this.runPrefix = settings.run().orElse(DEFAULT_RUN_PREFIX);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        endpoint = settings.startEndpoint(registry).orElse(null);
        endpointRegistry = endpoint != null ? registry : null;
        if (endpoint != null) {
            System.out.println(
                    "Metrics: "
                            + endpoint.getUrl()
                            + (settings.user().isPresent() ? " (basic auth)" : ""));
        }
    }

    /**
     * Returns a set-up that measures every arm but publishes nothing.
     *
     * @return metrics with no endpoint and no Pushgateway
     */
    public static MetricsSetup none() {
        try {
            return new MetricsSetup(ExportSettings.from(new Properties(), Map.of()));
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
        CompositeMeterRegistry registry = endpointView();
        TrainingMetrics.Builder metrics =
                TrainingMetrics.builder()
                        .setRegistry(registry)
                        .optRun(run)
                        .optVariant(variant)
                        .optModel(model)
                        .optDataset(model)
                        .optEnergy(energy)
                        .optDjlTimers(true)
                        .optPlannedEpochs(epochs);
        if (learningRate != null) {
            metrics.optLearningRate(learningRate);
        }
        listeners.add(metrics.build());
        publisher(run, registry).ifPresent(listeners::add);
        return listeners;
    }

    /**
     * Returns the registry of one run that is not a DJL training (e.g. a distillation): its meters
     * are served by the endpoint and, when a Pushgateway is set, pushed every interval and a last
     * time at {@link #close()}.
     *
     * @param run the run tag, see {@link #runId(String, long)}
     * @return the registry to bind the run's meters to (publishing nothing when nothing is set)
     */
    public MeterRegistry registryFor(String run) {
        CompositeMeterRegistry registry = endpointView();
        publisher(run, registry).ifPresent(publishers::add);
        return registry;
    }

    /** Returns a new registry that forwards to the endpoint's, if one is served. */
    private CompositeMeterRegistry endpointView() {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        if (endpointRegistry != null) {
            registry.add(endpointRegistry);
        }
        return registry;
    }

    /** Adds a run's own pushed registry to its registry, when a Pushgateway is set. */
    private Optional<PushgatewayPublisher> publisher(String run, CompositeMeterRegistry registry) {
        if (settings.pushgateway().isEmpty()) {
            return Optional.empty();
        }
        // one registry per pushed run, so the group (job, run) holds only its own series
        PrometheusMeterRegistry pushRegistry =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.add(pushRegistry);
        return Optional.of(
                PushgatewayPublisher.builder()
                        .setRegistry(pushRegistry)
                        .setAddress(settings.pushgateway().get())
                        .setRun(run)
                        .optInterval(settings.pushInterval())
                        .build());
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

    /** Makes the last push of every {@link #registryFor(String)} run and stops the endpoint. */
    @Override
    public void close() {
        publishers.forEach(PushgatewayPublisher::close);
        publishers.clear();
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
