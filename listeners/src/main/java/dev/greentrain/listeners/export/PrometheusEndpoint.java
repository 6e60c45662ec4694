package dev.greentrain.listeners.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint serving a registry's meters in the Prometheus text and OpenMetrics formats (by
 * the scraper's {@code Accept} header), bound to 127.0.0.1 unless another address is set.
 *
 * <p>Every endpoint starts from the {@link ExportSettings} of the process (system properties and
 * environment), so credentials set there are required even by code that never mentions them.
 * Clients that send half a request or read slowly hold no thread and never delay other scrapes: a
 * request line and headers must arrive within 10 s, an idle connection is closed after 30 s, and at
 * most 256 connections are open at once.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private final Server server;
    private final String host;

    private PrometheusEndpoint(Server server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Creates a builder starting from {@link ExportSettings#fromEnvironment()}: the host, port and
     * basic-auth credentials set there apply unless overridden; {@code setRegistry} is required.
     *
     * @return a new builder
     * @throws IllegalArgumentException if a system property or environment variable is invalid
     */
    public static Builder builder() {
        return new Builder(ExportSettings.fromEnvironment());
    }

    /** A builder starting from the given settings instead of the environment's. */
    static Builder builder(ExportSettings settings) {
        return new Builder(settings);
    }

    /**
     * Returns the port the endpoint listens on (the chosen one when port 0 was asked for).
     *
     * @return the bound port
     */
    public int getPort() {
        return MetricsServer.port(server);
    }

    /**
     * Returns the URL of the metrics page.
     *
     * @return e.g. {@code http://127.0.0.1:8974/metrics}
     */
    public String getUrl() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + getPort() + ScrapeHandler.PATH;
    }

    /** Stops the endpoint and closes its connections. */
    @Override
    public void close() {
        MetricsServer.stopQuietly(server);
    }

    /** Builds and starts a {@link PrometheusEndpoint}. */
    public static final class Builder {

        private PrometheusMeterRegistry registry;
        private ExportSettings settings;
        private Duration requestHeadTimeout = MetricsServer.REQUEST_HEAD_TIMEOUT;

        Builder(ExportSettings settings) {
            this.settings = settings;
        }

        /**
         * Sets the registry to serve.
         *
         * @param registry the Prometheus meter registry
         * @return this builder
         */
        public Builder setRegistry(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Sets the address to bind; default 127.0.0.1. Any other address exposes the metrics to
         * other hosts and must be asked for here explicitly.
         *
         * @param host a host name or IP address, e.g. {@code 0.0.0.0} for all interfaces
         * @return this builder
         */
        public Builder optHost(String host) {
            settings = settings.withHost(host);
            return this;
        }

        /**
         * Sets the port; 0 picks a free port, reported by {@link PrometheusEndpoint#getPort()}.
         *
         * @param port the port, 0 to 65535; default 8974
         * @return this builder
         * @throws IllegalArgumentException if the port is outside 0 to 65535
         */
        public Builder optPort(int port) {
            settings = settings.withPort(port);
            return this;
        }

        /**
         * Requires HTTP basic authentication with this user and password.
         *
         * @param user the user name, not empty and without a colon
         * @param password the password, not empty
         * @return this builder
         * @throws IllegalArgumentException if the user or password is empty, or the user has a
         *     colon
         */
        public Builder optBasicAuth(String user, String password) {
            settings = settings.withBasicAuth(user, password);
            return this;
        }

        /** Sets how long a request head may take to arrive; for tests. */
        Builder optRequestHeadTimeout(Duration timeout) {
            this.requestHeadTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Builds and starts the endpoint.
         *
         * @return the running endpoint
         * @throws IOException if the address cannot be bound
         */
        public PrometheusEndpoint build() throws IOException {
            Objects.requireNonNull(registry, "registry: call setRegistry(...)");
            String host = settings.host();
            int port = settings.port().orElse(ExportSettings.DEFAULT_PORT);
            InetAddress address = InetAddress.getByName(host);
            BasicCredentials credentials =
                    settings.user()
                            .map(user -> new BasicCredentials(user, settings.password().get()))
                            .orElse(null);
            Server started;
            try {
                started =
                        MetricsServer.start(
                                address,
                                port,
                                new ScrapeHandler(registry.getPrometheusRegistry(), credentials),
                                requestHeadTimeout);
            } catch (IOException e) {
                throw new IOException(
                        "Cannot serve metrics on "
                                + host
                                + ":"
                                + port
                                + " ("
                                + e.getMessage()
                                + "); choose another port, or 0 for any free port.",
                        e);
            }
            if (!address.isLoopbackAddress()) {
                logger.warn(
                        "Metrics endpoint listens on {}:{}, reachable from other hosts{}.",
                        host,
                        MetricsServer.port(started),
                        credentials == null ? " without authentication" : "");
            }
            return new PrometheusEndpoint(started, host);
        }
    }
}
