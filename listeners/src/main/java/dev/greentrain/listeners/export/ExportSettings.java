package dev.greentrain.listeners.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Export settings: what to serve and push, read from system properties or environment variables (a
 * system property wins) and overridden by a program's own options with the {@code with...} methods.
 * Every endpoint is started from one of these, so credentials set here cannot be skipped. The
 * values are checked when the settings are made; an invalid one is refused naming it, the expected
 * range and the fix.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>greentrain.metrics.port</td><td>GREENTRAIN_METRICS_PORT</td>
 *       <td>serve /metrics on this port (0 = any free port); unset = no endpoint</td></tr>
 *   <tr><td>greentrain.metrics.host</td><td>GREENTRAIN_METRICS_HOST</td>
 *       <td>address to bind, default 127.0.0.1</td></tr>
 *   <tr><td>greentrain.metrics.user</td><td>GREENTRAIN_METRICS_USER</td>
 *       <td>basic-auth user (with the password); surrounding spaces are removed</td></tr>
 *   <tr><td>greentrain.metrics.password</td><td>GREENTRAIN_METRICS_PASSWORD</td>
 *       <td>basic-auth password, used exactly as given (never trimmed); must not be empty</td></tr>
 *   <tr><td>greentrain.pushgateway</td><td>GREENTRAIN_PUSHGATEWAY</td>
 *       <td>Pushgateway host:port; unset = no push</td></tr>
 *   <tr><td>greentrain.push.interval</td><td>GREENTRAIN_PUSH_INTERVAL</td>
 *       <td>seconds between pushes, default 15; 0 = only at the end</td></tr>
 *   <tr><td>greentrain.run</td><td>GREENTRAIN_RUN</td><td>run id tag</td></tr>
 * </table>
 *
 * @param port the endpoint port, empty for no endpoint
 * @param host the address the endpoint binds
 * @param user the basic-auth user, empty for none
 * @param password the basic-auth password, empty for none
 * @param pushgateway the Pushgateway address, empty for no push
 * @param pushInterval the interval between pushes
 * @param run the run id, empty to generate one
 */
public record ExportSettings(
        Optional<Integer> port,
        String host,
        Optional<String> user,
        Optional<String> password,
        Optional<String> pushgateway,
        Duration pushInterval,
        Optional<String> run) {

    /**
     * The endpoint port used when none is given to the builder: 8974, outside the Prometheus
     * exporters' default port allocations (9100 and up; 9400 is NVIDIA's DCGM exporter), see
     * docs/metrics-and-dashboards.md.
     */
    public static final int DEFAULT_PORT = 8974;

    /** The push interval used when none is given: 15 seconds. */
    public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(15);

    private static final String PORT = "greentrain.metrics.port";
    private static final String HOST = "greentrain.metrics.host";
    private static final String USER = "greentrain.metrics.user";
    private static final String PASSWORD = "greentrain.metrics.password";
    private static final String PUSHGATEWAY = "greentrain.pushgateway";
    private static final String PUSH_INTERVAL = "greentrain.push.interval";
    private static final String RUN = "greentrain.run";

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the invalid value, the expected range and the fix
     */
    public ExportSettings {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pushgateway, "pushgateway");
        Objects.requireNonNull(pushInterval, "pushInterval");
        Objects.requireNonNull(run, "run");
        port.ifPresent(p -> checkPort(p, "Metrics port"));
        if (host.isBlank()) {
            throw new IllegalArgumentException(
                    "The metrics host is empty: give an address to bind, e.g. 127.0.0.1.");
        }
        checkCredentials(user, password, "metrics user", "metrics password");
        pushgateway.ifPresent(a -> PushgatewayPublisher.checkAddress(a, "Pushgateway address"));
        if (pushInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "Push interval "
                            + pushInterval.toMillis()
                            + " ms is invalid: use 0 or more (0 pushes only when training ends).");
        }
    }

    /**
     * Reads the settings of this process.
     *
     * @return the settings from system properties and environment variables
     * @throws IllegalArgumentException naming the setting whose value is invalid
     */
    public static ExportSettings fromEnvironment() {
        return from(System.getProperties(), System.getenv());
    }

    /**
     * Reads settings from the given properties and environment. Values are trimmed, except the
     * password, which is used exactly as given; an empty value counts as unset, except an empty
     * password, which is refused.
     *
     * @param properties the system properties
     * @param environment the environment variables
     * @return the settings
     * @throws IllegalArgumentException naming the setting whose value is invalid
     */
    public static ExportSettings from(Properties properties, Map<String, String> environment) {
        Lookup lookup = new Lookup(properties, environment);
        Optional<String> user = lookup.get(USER);
        Optional<String> password = lookup.untrimmed(PASSWORD);
        checkCredentials(user, password, Lookup.describe(USER), Lookup.describe(PASSWORD));
        Optional<Integer> port = lookup.get(PORT).map(v -> lookup.number(PORT, v));
        port.ifPresent(p -> checkPort(p, Lookup.describe(PORT)));
        Optional<String> pushgateway = lookup.get(PUSHGATEWAY);
        pushgateway.ifPresent(
                a -> PushgatewayPublisher.checkAddress(a, Lookup.describe(PUSHGATEWAY)));
        return new ExportSettings(
                port,
                lookup.get(HOST).orElse("127.0.0.1"),
                user,
                password,
                pushgateway,
                lookup.get(PUSH_INTERVAL)
                        .map(v -> Duration.ofSeconds(lookup.number(PUSH_INTERVAL, v)))
                        .orElse(DEFAULT_PUSH_INTERVAL),
                lookup.get(RUN));
    }

    /**
     * Returns these settings with an endpoint on the given port.
     *
     * @param port the port, 0 to 65535 (0 picks a free port)
     * @return the new settings
     * @throws IllegalArgumentException if the port is outside 0 to 65535
     */
    public ExportSettings withPort(int port) {
        return new ExportSettings(
                Optional.of(port), host, user, password, pushgateway, pushInterval, run);
    }

    /**
     * Returns these settings with the endpoint bound to another address.
     *
     * @param host a host name or IP address; anything but loopback exposes the metrics
     * @return the new settings
     */
    public ExportSettings withHost(String host) {
        return new ExportSettings(port, host, user, password, pushgateway, pushInterval, run);
    }

    /**
     * Returns these settings with basic authentication required by the endpoint.
     *
     * @param user the user name, not empty and without a colon
     * @param password the password, not empty; used exactly as given
     * @return the new settings
     * @throws IllegalArgumentException if the user or password is empty, or the user has a colon
     */
    public ExportSettings withBasicAuth(String user, String password) {
        return new ExportSettings(
                port,
                host,
                Optional.of(user),
                Optional.of(password),
                pushgateway,
                pushInterval,
                run);
    }

    /**
     * Returns these settings with pushes to a Pushgateway.
     *
     * @param address {@code host:port}, port 1 to 65535, e.g. {@code 127.0.0.1:9091}
     * @return the new settings
     * @throws IllegalArgumentException if the address is not host:port with a port in range
     */
    public ExportSettings withPushgateway(String address) {
        return new ExportSettings(
                port, host, user, password, Optional.of(address), pushInterval, run);
    }

    /**
     * Returns these settings with another push interval.
     *
     * @param interval the interval, zero to push only when training ends
     * @return the new settings
     * @throws IllegalArgumentException if the interval is negative
     */
    public ExportSettings withPushInterval(Duration interval) {
        return new ExportSettings(port, host, user, password, pushgateway, interval, run);
    }

    /**
     * Returns these settings with another run id.
     *
     * @param run the run id
     * @return the new settings
     */
    public ExportSettings withRun(String run) {
        return new ExportSettings(
                port, host, user, password, pushgateway, pushInterval, Optional.of(run));
    }

    /**
     * Starts the metrics endpoint these settings ask for.
     *
     * @param registry the registry to serve
     * @return the running endpoint, or empty when no port is set
     * @throws IOException if the address cannot be bound
     */
    public Optional<PrometheusEndpoint> startEndpoint(PrometheusMeterRegistry registry)
            throws IOException {
        if (port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PrometheusEndpoint.builder(this).setRegistry(registry).build());
    }

    /**
     * Creates the Pushgateway publisher these settings ask for.
     *
     * @param registry the registry to push (one per run)
     * @param runId the run id, used when no {@code greentrain.run} is set
     * @return the publisher, or empty when no Pushgateway is set
     */
    public Optional<PushgatewayPublisher> pushgatewayPublisher(
            PrometheusMeterRegistry registry, String runId) {
        return pushgateway.map(
                address ->
                        PushgatewayPublisher.builder()
                                .setRegistry(registry)
                                .setAddress(address)
                                .setRun(run.orElse(runId))
                                .optInterval(pushInterval)
                                .build());
    }

    /**
     * Returns the settings with the password masked.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "ExportSettings[port="
                + port
                + ", host="
                + host
                + ", user="
                + user
                + ", password="
                + password.map(p -> "***")
                + ", pushgateway="
                + pushgateway
                + ", pushInterval="
                + pushInterval
                + ", run="
                + run
                + "]";
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    what + " " + port + " is invalid: use 0 to 65535 (0 picks a free port).");
        }
    }

    /** Both or neither; the user not blank and without a colon; the password not empty. */
    private static void checkCredentials(
            Optional<String> user,
            Optional<String> password,
            String userName,
            String passwordName) {
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(
                    "Only one of the "
                            + userName
                            + " and the "
                            + passwordName
                            + " is set: set both for basic authentication, or neither.");
        }
        if (user.isEmpty()) {
            return;
        }
        if (user.get().isBlank()) {
            throw new IllegalArgumentException(
                    "The " + userName + " is empty: set a user name for basic authentication.");
        }
        if (user.get().contains(":")) {
            throw new IllegalArgumentException(
                    "The "
                            + userName
                            + " \""
                            + user.get()
                            + "\" contains a colon, which basic authentication cannot carry:"
                            + " choose a user name without ':'.");
        }
        if (password.get().isEmpty()) {
            throw new IllegalArgumentException(
                    "The "
                            + passwordName
                            + " is empty, which would let anyone in: set a non-empty password, or"
                            + " set neither user nor password to serve without authentication.");
        }
    }

    private record Lookup(Properties properties, Map<String, String> environment) {

        /** The value, trimmed; empty when unset or blank. */
        Optional<String> get(String property) {
            return untrimmed(property).map(String::trim).filter(v -> !v.isEmpty());
        }

        /** The value exactly as set, even when empty; empty when unset. */
        Optional<String> untrimmed(String property) {
            String value = properties.getProperty(property);
            if (value == null) {
                value = environment.get(environmentName(property));
            }
            return Optional.ofNullable(value);
        }

        /** The property and its environment variable, for messages. */
        static String describe(String property) {
            return property + " (" + environmentName(property) + ")";
        }

        int number(String property, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number < 0) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        describe(property)
                                + " = \""
                                + value
                                + "\" is invalid: expected a whole number >= 0.");
            }
        }

        static String environmentName(String property) {
            return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        }
    }
}
