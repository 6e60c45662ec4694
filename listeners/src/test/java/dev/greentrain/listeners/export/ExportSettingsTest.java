package dev.greentrain.listeners.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {

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
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        try (PrometheusEndpoint endpoint = settings.startEndpoint(registry).orElseThrow()) {
            assertTrue(endpoint.getPort() > 0);
            java.net.http.HttpResponse<Void> response =
                    java.net.http.HttpClient.newHttpClient()
                            .send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    java.net.URI.create(endpoint.getUrl()))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertEquals(401, response.statusCode(), "basic auth from the environment");
        }
        assertTrue(settings.pushgatewayPublisher(registry, "r").isEmpty());
        assertTrue(
                ExportSettings.from(new Properties(), Map.of()).startEndpoint(registry).isEmpty());
    }

    @Test
    void badValuesGiveClearErrors() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ExportSettings.from(
                                        new Properties(),
                                        Map.of("GREENTRAIN_METRICS_PORT", "abc")));
        assertTrue(e.getMessage().contains("GREENTRAIN_METRICS_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ExportSettings.from(
                                        new Properties(), Map.of("GREENTRAIN_METRICS_USER", "u")));
        assertTrue(e.getMessage().contains("set both"), e.getMessage());
    }
}
