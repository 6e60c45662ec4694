package dev.greentrain.listeners.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Sends the Authorization header exactly as given. */
    private static int statusWithAuthorization(String url, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", authorization)
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Sends a request line as given (Java's HTTP client refuses malformed ones). */
    private static int rawStatus(int port, String requestLine) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine =
                    new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static PrometheusEndpoint startWithBasicAuth() throws IOException {
        return PrometheusEndpoint.builder()
                .setRegistry(registry())
                .optPort(0)
                .optBasicAuth("prometheus", "s3cret")
                .build();
    }

    @Test
    void servesTextAndOpenMetricsOnLoopbackOnAFreePort() throws Exception {
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder().setRegistry(registry()).optPort(0).build()) {
            assertTrue(endpoint.getPort() > 0);
            assertTrue(endpoint.getUrl().startsWith("http://127.0.0.1:"), endpoint.getUrl());
            HttpResponse<String> text = Scrapes.get(endpoint.getUrl(), null, null);
            assertEquals(200, text.statusCode());
            assertTrue(text.body().contains("greentrain_test_samples_total 3.0"), text.body());
            assertTrue(
                    text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            HttpResponse<String> openMetrics =
                    Scrapes.get(
                            endpoint.getUrl(), "application/openmetrics-text; version=1.0.0", null);
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
        try (PrometheusEndpoint endpoint = startWithBasicAuth()) {
            Scrapes.assertOnlyTheRightCredentialsGetIn(endpoint.getUrl(), "prometheus", "s3cret");
            HttpResponse<String> ok = Scrapes.get(endpoint.getUrl(), null, "prometheus:s3cret");
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

    @Test
    void anEmptyPasswordOrAUserWithAColonIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PrometheusEndpoint.builder().optBasicAuth("prometheus", ""));
        assertTrue(e.getMessage().contains("password is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("set a non-empty password"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PrometheusEndpoint.builder().optBasicAuth("a:b", "s3cret"));
        assertTrue(e.getMessage().contains("\"a:b\" contains a colon"), e.getMessage());
    }

    @Test
    void theBasicSchemeIsCaseInsensitiveAndMalformedCredentialsGet401() throws Exception {
        try (PrometheusEndpoint endpoint = startWithBasicAuth()) {
            String url = endpoint.getUrl();
            for (String scheme : new String[] {"Basic", "basic", "BASIC", "bAsIc"}) {
                assertEquals(
                        200,
                        statusWithAuthorization(
                                url, scheme + " " + Scrapes.base64("prometheus:s3cret")),
                        scheme);
            }
            // each of these is answered with 401, never a dropped connection
            for (String malformed :
                    new String[] {
                        "Basic !!!not-base64!!!",
                        "Basic " + Scrapes.base64("prometheus"),
                        "Basic " + Scrapes.base64(":s3cret"),
                        "Basic " + Scrapes.base64("prometheus:s3cret").substring(3),
                        "Basic",
                        "Bearer " + Scrapes.base64("prometheus:s3cret"),
                        "Basic " + Scrapes.base64("prometheus:s3cret") + " extra"
                    }) {
                assertEquals(401, statusWithAuthorization(url, malformed), malformed);
            }
        }
    }

    @Test
    void anEndpointBuiltInCodeRequiresTheCredentialsOfTheSystemProperties() throws Exception {
        System.setProperty("greentrain.metrics.user", "prometheus");
        System.setProperty("greentrain.metrics.password", "s3cret");
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder().setRegistry(registry()).optPort(0).build()) {
            Scrapes.assertOnlyTheRightCredentialsGetIn(endpoint.getUrl(), "prometheus", "s3cret");
        } finally {
            System.clearProperty("greentrain.metrics.user");
            System.clearProperty("greentrain.metrics.password");
        }
    }

    @Test
    void headOtherPathsOtherMethodsAndBadQueriesGetShortAnswers() throws Exception {
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder().setRegistry(registry()).optPort(0).build()) {
            HttpResponse<Void> head =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(endpoint.getUrl()))
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertEquals(200, head.statusCode());
            assertTrue(head.headers().firstValue("Content-Type").orElse("").startsWith("text/"));
            String other = endpoint.getUrl().replace("/metrics", "/other");
            assertEquals(404, Scrapes.get(other, null, null).statusCode());
            HttpResponse<Void> post =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(endpoint.getUrl()))
                                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertEquals(405, post.statusCode());
            assertEquals(400, rawStatus(endpoint.getPort(), "GET /metrics?name[]=%zz HTTP/1.1"));
        }
    }

    @Test
    void twentyHalfSentRequestsDoNotDelayOtherScrapes() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder().setRegistry(registry()).optPort(0).build()) {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort());
                slow.add(socket);
                // half a request line, or a request line and half the headers; then nothing
                String partial =
                        i % 2 == 0 ? "GET /met" : "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n";
                socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            HttpClient client =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            for (int scrape = 0; scrape < 8; scrape++) {
                HttpResponse<String> response =
                        client.send(
                                HttpRequest.newBuilder(URI.create(endpoint.getUrl()))
                                        .timeout(Duration.ofSeconds(1))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), "scrape " + scrape);
                assertTrue(response.body().contains("greentrain_test_samples_total 3.0"));
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aRequestHeadTrickledPastTheDeadlineIsClosed() throws Exception {
        try (PrometheusEndpoint endpoint =
                        PrometheusEndpoint.builder()
                                .setRegistry(registry())
                                .optPort(0)
                                .optRequestHeadTimeout(Duration.ofSeconds(1))
                                .build();
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            // one byte every 100 ms keeps the connection busy (never idle) for up to 10 s
            boolean closed = false;
            for (int i = 0; i < 100 && !closed; i++) {
                try {
                    out.write('a');
                    out.flush();
                    Thread.sleep(100);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(closed, "the server closed the trickling connection");
        }
    }

    @Test
    void aClientClosingEarlyLogsNoWarning() throws Exception {
        PrometheusMeterRegistry registry = registry();
        String padding = "x".repeat(150);
        for (int i = 0; i < 40_000; i++) {
            Counter.builder("greentrain.test.large").tag("series", padding + i).register(registry);
        }
        try (PrometheusEndpoint endpoint =
                        PrometheusEndpoint.builder().setRegistry(registry).optPort(0).build();
                LogCapture logs = new LogCapture()) {
            for (int client = 0; client < 3; client++) {
                try (Socket socket = new Socket()) {
                    socket.setReceiveBufferSize(4096);
                    socket.connect(
                            new InetSocketAddress(
                                    InetAddress.getLoopbackAddress(), endpoint.getPort()));
                    socket.getOutputStream()
                            .write(
                                    "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                            .getBytes(StandardCharsets.US_ASCII));
                    // read the status line of the ~8 MB page, then reset the connection
                    assertTrue(socket.getInputStream().read(new byte[12]) > 0);
                    socket.setSoLinger(true, 0);
                }
            }
            // a full scrape after the early closes; it also gives their handling time to end
            HttpResponse<String> full = Scrapes.get(endpoint.getUrl(), null, null);
            assertEquals(200, full.statusCode());
            assertEquals(List.of(), logs.warnings(), "nothing above debug for a client leaving");
        }
    }
}
