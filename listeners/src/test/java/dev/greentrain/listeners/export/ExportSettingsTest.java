package dev.greentrain.listeners.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {

    /** Reads settings from these environment variables alone and expects them refused. */
    private static IllegalArgumentException refused(Map<String, String> environment) {
        return assertThrows(
                IllegalArgumentException.class,
                () -> ExportSettings.from(new Properties(), environment));
    }

    @Test
    void defaultsWhenNothingIsSet() {
        ExportSettings settings = ExportSettings.from(new Properties(), Map.of());
        assertEquals(Optional.empty(), settings.port());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(Optional.empty(), settings.pushgateway());
        assertEquals(Duration.ofSeconds(15), settings.pushInterval());
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        Properties properties = new Properties();
        properties.setProperty("greentrain.metrics.port", "9500");
        ExportSettings settings =
                ExportSettings.from(
                        properties,
                        Map.of(
                                "GREENTRAIN_METRICS_PORT", "9600",
                                "GREENTRAIN_PUSHGATEWAY", "127.0.0.1:9091",
                                "GREENTRAIN_PUSH_INTERVAL", "0",
                                "GREENTRAIN_RUN", "nightly-1"));
        assertEquals(Optional.of(9500), settings.port());
        assertEquals(Optional.of("127.0.0.1:9091"), settings.pushgateway());
        assertEquals(Duration.ZERO, settings.pushInterval());
        assertEquals(Optional.of("nightly-1"), settings.run());
    }

    @Test
    void settingsStartTheEndpointTheyDescribe() throws Exception {
        ExportSettings settings =
                ExportSettings.from(
                        new Properties(),
                        Map.of(
                                "GREENTRAIN_METRICS_PORT", "0",
                                "GREENTRAIN_METRICS_USER", "u",
                                "GREENTRAIN_METRICS_PASSWORD", "secret-value"));
        assertFalse(settings.toString().contains("secret-value"), settings.toString());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PrometheusEndpoint endpoint = settings.startEndpoint(registry).orElseThrow()) {
            assertTrue(endpoint.getPort() > 0);
            HttpResponse<Void> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(endpoint.getUrl())).build(),
                                    HttpResponse.BodyHandlers.discarding());
            assertEquals(401, response.statusCode(), "basic auth from the environment");
        }
        assertTrue(settings.pushgatewayPublisher(registry, "r").isEmpty());
        assertTrue(
                ExportSettings.from(new Properties(), Map.of()).startEndpoint(registry).isEmpty());
    }

    @Test
    void badValuesGiveClearErrors() {
        IllegalArgumentException e = refused(Map.of("GREENTRAIN_METRICS_PORT", "abc"));
        assertTrue(e.getMessage().contains("GREENTRAIN_METRICS_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
        e = refused(Map.of("GREENTRAIN_METRICS_USER", "u"));
        assertTrue(e.getMessage().contains("set both"), e.getMessage());
    }

    @Test
    void overridesKeepTheCredentialsOfTheEnvironment() throws Exception {
        ExportSettings settings =
                ExportSettings.from(
                                new Properties(),
                                Map.of(
                                        "GREENTRAIN_METRICS_USER", "prometheus",
                                        "GREENTRAIN_METRICS_PASSWORD", "s3cret"))
                        .withPort(0)
                        .withHost("127.0.0.1")
                        .withRun("nightly");
        assertEquals(Optional.of("prometheus"), settings.user());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PrometheusEndpoint endpoint = settings.startEndpoint(registry).orElseThrow()) {
            Scrapes.assertOnlyTheRightCredentialsGetIn(endpoint.getUrl(), "prometheus", "s3cret");
        }
    }

    @Test
    void anEmptyPasswordIsRefusedAndPasswordsAreNeverTrimmed() {
        IllegalArgumentException e =
                refused(
                        Map.of(
                                "GREENTRAIN_METRICS_USER", "prometheus",
                                "GREENTRAIN_METRICS_PASSWORD", ""));
        assertTrue(e.getMessage().contains("GREENTRAIN_METRICS_PASSWORD"), e.getMessage());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        Properties properties = new Properties();
        properties.setProperty("greentrain.metrics.user", "prometheus");
        properties.setProperty("greentrain.metrics.password", "");
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ExportSettings.from(properties, Map.of()));
        assertTrue(e.getMessage().contains("greentrain.metrics.password"), e.getMessage());

        ExportSettings spaced =
                ExportSettings.from(
                        new Properties(),
                        Map.of(
                                "GREENTRAIN_METRICS_USER", " prometheus ",
                                "GREENTRAIN_METRICS_PASSWORD", " s3cret "));
        assertEquals(Optional.of("prometheus"), spaced.user(), "the user is trimmed");
        assertEquals(Optional.of(" s3cret "), spaced.password(), "the password is not");
        assertThrows(
                IllegalArgumentException.class,
                () -> spaced.withBasicAuth("prometheus", ""),
                "refused in code too");
    }

    @Test
    void aPushgatewayPortOutsideTheRangeIsRefusedUpFront() {
        for (String address : new String[] {"127.0.0.1:70000", "127.0.0.1:0"}) {
            IllegalArgumentException e = refused(Map.of("GREENTRAIN_PUSHGATEWAY", address));
            assertTrue(e.getMessage().contains("GREENTRAIN_PUSHGATEWAY"), e.getMessage());
            assertTrue(e.getMessage().contains("\"" + address + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("outside 1 to 65535"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. 127.0.0.1:9091"), e.getMessage());
        }
        ExportSettings defaults = ExportSettings.from(new Properties(), Map.of());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> defaults.withPushgateway("localhost:99999"));
        assertTrue(e.getMessage().contains("port 99999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.withPort(65536));
        assertTrue(e.getMessage().contains("65536 is invalid: use 0 to 65535"), e.getMessage());
    }

    @Test
    void theDefaultPortIsNoCommonExportersDefault() {
        int port = ExportSettings.DEFAULT_PORT;
        assertTrue(port != 9400, "9400 is NVIDIA's DCGM exporter's default, on every GPU node");
        assertTrue(
                port < 9090 || port > 10999,
                port
                        + " lies in the Prometheus project's default port allocations (9090 and"
                        + " 9100 to 10999 are taken by Prometheus, its exporters and tools)");
        assertTrue(
                port > 1023 && port < 32768,
                port + " is no user port below Linux's ephemeral range");
    }
}
