package dev.greentrain.listeners.export;

import com.sun.net.httpserver.BasicAuthenticator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint serving a registry's meters in the Prometheus text and OpenMetrics formats (by
 * the scraper's {@code Accept} header), bound to 127.0.0.1 unless another address is set.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private final HTTPServer server;
    private final String host;

    private PrometheusEndpoint(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Creates a builder; {@code setRegistry} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the port the endpoint listens on (the chosen one when port 0 was asked for).
     *
     * @return the bound port
     */
    public int getPort() {
        return server.getPort();
    }

    /**
     * Returns the URL of the metrics page.
     *
     * @return e.g. {@code http://127.0.0.1:9400/metrics}
     */
    public String getUrl() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + getPort() + "/metrics";
    }

    /** Stops the endpoint. */
    @Override
    public void close() {
        server.close();
    }

    /** Builds and starts a {@link PrometheusEndpoint}. */
    public static final class Builder {

        private PrometheusMeterRegistry registry;
        private String host = "127.0.0.1";
        private int port = ExportSettings.DEFAULT_PORT;
        private String user;
        private String password;

        Builder() {}

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
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets the port; 0 picks a free port, reported by {@link PrometheusEndpoint#getPort()}.
         *
         * @param port the port, 0 to 65535; default 9400
         * @return this builder
         */
        public Builder optPort(int port) {
            this.port = port;
            return this;
        }

        /**
         * Requires HTTP basic authentication with this user and password.
         *
         * @param user the user name
         * @param password the password
         * @return this builder
         */
        public Builder optBasicAuth(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
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
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "Metrics port "
                                + port
                                + " is invalid: use 0 to 65535 (0 picks a free port).");
            }
            InetAddress address = InetAddress.getByName(host);
            HTTPServer.Builder server =
                    HTTPServer.builder()
                            .inetAddress(address)
                            .port(port)
                            .executorService(scrapeThreads())
                            .registry(registry.getPrometheusRegistry());
            if (user != null) {
                server.authenticator(new PasswordCheck(user, password));
            }
            HTTPServer started;
            try {
                started = server.buildAndStart();
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
                        started.getPort(),
                        user == null ? " without authentication" : "");
            }
            return new PrometheusEndpoint(started, host);
        }
    }

    /**
     * A small fixed pool of daemon threads: one per core, so concurrent scrapes queue instead of
     * competing for the CPU with training.
     */
    private static ExecutorService scrapeThreads() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(
                threads,
                runnable -> {
                    Thread thread =
                            new Thread(runnable, "greentrain-metrics-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Basic authentication with one user, comparing in constant time. */
    private static final class PasswordCheck extends BasicAuthenticator {

        private final byte[] user;
        private final byte[] password;

        PasswordCheck(String user, String password) {
            super("greentrain");
            this.user = user.getBytes(StandardCharsets.UTF_8);
            this.password = password.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean checkCredentials(String givenUser, String givenPassword) {
            boolean userMatches =
                    MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
            boolean passwordMatches =
                    MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
            return userMatches & passwordMatches;
        }
    }
}
