package dev.greentrain.listeners.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Export settings read from system properties or environment variables (a system property wins),
 * for programs configured without code.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>greentrain.metrics.port</td><td>GREENTRAIN_METRICS_PORT</td>
 *       <td>serve /metrics on this port (0 = any free port); unset = no endpoint</td></tr>
 *   <tr><td>greentrain.metrics.host</td><td>GREENTRAIN_METRICS_HOST</td>
 *       <td>address to bind, default 127.0.0.1</td></tr>
 *   <tr><td>greentrain.metrics.user</td><td>GREENTRAIN_METRICS_USER</td>
 *       <td>basic-auth user (with the password)</td></tr>
 *   <tr><td>greentrain.metrics.password</td><td>GREENTRAIN_METRICS_PASSWORD</td>
 *       <td>basic-auth password</td></tr>
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

    /** The endpoint port used when none is given to the builder: 9400. */
    public static final int DEFAULT_PORT = 9400;

    /** The push interval used when none is given: 15 seconds. */
    public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(15);

    /**
     * Reads the settings of this process.
     *
     * @return the settings from system properties and environment variables
     */
    public static ExportSettings fromEnvironment() {
        return from(System.getProperties(), System.getenv());
    }

    /**
     * Reads settings from the given properties and environment.
     *
     * @param properties the system properties
     * @param environment the environment variables
     * @return the settings
     * @throws IllegalArgumentException naming the setting whose value is not a number
     */
    public static ExportSettings from(Properties properties, Map<String, String> environment) {
        Lookup lookup = new Lookup(properties, environment);
        Optional<String> user = lookup.get("greentrain.metrics.user");
        Optional<String> password = lookup.get("greentrain.metrics.password");
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(
                    "Only one of greentrain.metrics.user and greentrain.metrics.password"
                            + " (GREENTRAIN_METRICS_USER / GREENTRAIN_METRICS_PASSWORD) is set;"
                            + " set both for basic authentication, or neither.");
        }
        return new ExportSettings(
                lookup.get("greentrain.metrics.port")
                        .map(v -> lookup.number("greentrain.metrics.port", v)),
                lookup.get("greentrain.metrics.host").orElse("127.0.0.1"),
                user,
                password,
                lookup.get("greentrain.pushgateway"),
                lookup.get("greentrain.push.interval")
                        .map(v -> Duration.ofSeconds(lookup.number("greentrain.push.interval", v)))
                        .orElse(DEFAULT_PUSH_INTERVAL),
                lookup.get("greentrain.run"));
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
        PrometheusEndpoint.Builder builder =
                PrometheusEndpoint.builder()
                        .setRegistry(registry)
                        .optHost(host)
                        .optPort(port.get());
        if (user.isPresent()) {
            builder.optBasicAuth(user.get(), password.orElseThrow());
        }
        return Optional.of(builder.build());
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

    private record Lookup(Properties properties, Map<String, String> environment) {

        Optional<String> get(String property) {
            String value = properties.getProperty(property);
            if (value == null) {
                value = environment.get(environmentName(property));
            }
            return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
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
                        property
                                + " ("
                                + environmentName(property)
                                + ") = \""
                                + value
                                + "\" is invalid: expected a whole number >= 0.");
            }
        }

        static String environmentName(String property) {
            return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        }
    }
}
