package dev.greentrain.listeners.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("greentrain.test.samples")
                .description("Samples in the test")
                .register(registry)
                .increment(3);
        return registry;
    }

    private static HttpResponse<String> get(String url, String accept, String credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTextAndOpenMetricsOnLoopbackOnAFreePort() throws Exception {
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder().setRegistry(registry()).optPort(0).build()) {
            assertTrue(endpoint.getPort() > 0);
            assertTrue(endpoint.getUrl().startsWith("http://127.0.0.1:"), endpoint.getUrl());
            HttpResponse<String> text = get(endpoint.getUrl(), null, null);
            assertEquals(200, text.statusCode());
            assertTrue(text.body().contains("greentrain_test_samples_total 3.0"), text.body());
            assertTrue(
                    text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            HttpResponse<String> openMetrics =
                    get(endpoint.getUrl(), "application/openmetrics-text; version=1.0.0", null);
            assertEquals(200, openMetrics.statusCode());
            assertTrue(
                    openMetrics
                            .headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/openmetrics-text"));
            assertTrue(openMetrics.body().trim().endsWith("# EOF"), openMetrics.body());
        }
    }

    @Test
    void basicAuthRefusesAMissingOrWrongPassword() throws Exception {
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder()
                        .setRegistry(registry())
                        .optPort(0)
                        .optBasicAuth("prometheus", "s3cret")
                        .build()) {
            assertEquals(401, get(endpoint.getUrl(), null, null).statusCode());
            assertEquals(401, get(endpoint.getUrl(), null, "prometheus:wrong").statusCode());
            assertEquals(401, get(endpoint.getUrl(), null, "someone:s3cret").statusCode());
            HttpResponse<String> ok = get(endpoint.getUrl(), null, "prometheus:s3cret");
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("greentrain_test_samples_total"));
        }
    }

    @Test
    void badPortsGiveClearErrors() throws Exception {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                PrometheusEndpoint.builder()
                                        .setRegistry(registry())
                                        .optPort(70000)
                                        .build());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        try (PrometheusEndpoint first =
                PrometheusEndpoint.builder().setRegistry(registry()).optPort(0).build()) {
            IOException taken =
                    assertThrows(
                            IOException.class,
                            () ->
                                    PrometheusEndpoint.builder()
                                            .setRegistry(registry())
                                            .optPort(first.getPort())
                                            .build());
            assertTrue(taken.getMessage().contains("choose another port"), taken.getMessage());
        }
    }
}
