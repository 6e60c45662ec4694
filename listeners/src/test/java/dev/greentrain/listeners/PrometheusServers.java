package dev.greentrain.listeners;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Real Prometheus and Pushgateway servers (Debian packages) started on free loopback ports with
 * generated configurations, for integration tests.
 */
public final class PrometheusServers implements AutoCloseable {

    /** Prometheus server: {@code -Dgreentrain.test.prometheus}, Debian's by default. */
    public static final Path PROMETHEUS = tool("greentrain.test.prometheus", "/usr/bin/prometheus");

    /** Pushgateway: {@code -Dgreentrain.test.pushgateway}, Debian's by default. */
    public static final Path PUSHGATEWAY =
            tool("greentrain.test.pushgateway", "/usr/bin/prometheus-pushgateway");

    /** promtool: {@code -Dgreentrain.test.promtool}, Debian's by default. */
    public static final Path PROMTOOL = tool("greentrain.test.promtool", "/usr/bin/promtool");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();
    private final int prometheusPort;
    private final int pushgatewayPort;

    private PrometheusServers(Path dir, int endpointPort) throws Exception {
        requireInstalled(PROMETHEUS, "prometheus");
        requireInstalled(PUSHGATEWAY, "prometheus-pushgateway");
        pushgatewayPort = freePort();
        prometheusPort = freePort();
        processes.add(
                start(
                        dir.resolve("pushgateway.log"),
                        PUSHGATEWAY.toString(),
                        "--web.listen-address=127.0.0.1:" + pushgatewayPort,
                        // Debian's default persists to a shared file under /var/lib/prometheus
                        "--persistence.file=" + dir.resolve("pushgateway.data")));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "scrape_configs:",
                        "  - job_name: greentrain",
                        "    static_configs:",
                        "      - targets: ['127.0.0.1:" + endpointPort + "']",
                        "  - job_name: pushgateway",
                        "    honor_labels: true",
                        "    static_configs:",
                        "      - targets: ['127.0.0.1:" + pushgatewayPort + "']",
                        ""));
        processes.add(
                start(
                        dir.resolve("prometheus.log"),
                        PROMETHEUS.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort));
        waitReady("http://127.0.0.1:" + pushgatewayPort + "/-/ready");
        waitReady("http://127.0.0.1:" + prometheusPort + "/-/ready");
    }

    /**
     * Starts both servers; Prometheus scrapes the given endpoint port and the Pushgateway.
     *
     * @param dir a temporary directory for configuration, data and logs
     * @param endpointPort the port of the training process's metrics endpoint
     * @return the running servers
     * @throws Exception if a server does not start
     */
    public static PrometheusServers start(Path dir, int endpointPort) throws Exception {
        return new PrometheusServers(dir, endpointPort);
    }

    /**
     * Returns the path of an external tool the integration tests run: the system property's value
     * when it is set (e.g. {@code mvn verify -Dgreentrain.test.promtool=/opt/prometheus/promtool}),
     * else this machine's default.
     *
     * @param property the system property naming the tool's path
     * @param debianPath where the Debian package installs it
     * @return the tool's path
     */
    public static Path tool(String property, String debianPath) {
        return Path.of(System.getProperty(property, debianPath));
    }

    /**
     * Fails the test (never skips it) if a tool is missing, naming the install command and the
     * setting that points at another copy.
     *
     * @param binary the tool's path, from {@link #tool}
     * @param debianPackage the Debian package that installs it
     */
    public static void requireInstalled(Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            fail(
                    binary
                            + " is missing: install it with `apt-get install "
                            + debianPackage
                            + "` (scripts/test.sh does), or point"
                            + " -Dgreentrain.test.{prometheus,pushgateway,promtool} at another"
                            + " copy (ARCHITECTURE.md, Tests)");
        }
    }

    /**
     * Asserts that {@code promtool check metrics} reports nothing about a scrape.
     *
     * @param scrape the exposition text
     * @param dir a temporary directory for the file promtool reads
     * @throws Exception if promtool cannot be run
     */
    public static void assertPromtoolFindsNothing(String scrape, Path dir) throws Exception {
        requireInstalled(PROMTOOL, "prometheus");
        Path file = Files.writeString(dir.resolve("scrape.txt"), scrape);
        Process promtool =
                new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
                        .redirectInput(file.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output =
                new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(0, promtool.waitFor(), output);
        org.junit.jupiter.api.Assertions.assertEquals(
                "", output.trim(), "promtool check metrics reports nothing");
    }

    /**
     * Runs promtool and asserts that it exits with 0.
     *
     * @param arguments promtool's arguments, e.g. {@code check rules file.yml}
     * @return what promtool printed
     * @throws Exception if promtool cannot be run
     */
    public static String promtool(String... arguments) throws Exception {
        requireInstalled(PROMTOOL, "prometheus");
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output =
                new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(0, promtool.waitFor(), output);
        return output;
    }

    /**
     * Returns a free loopback port.
     *
     * @return a port number
     * @throws IOException if no port can be found
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Returns the Pushgateway's address.
     *
     * @return {@code 127.0.0.1:port}
     */
    public String pushgatewayAddress() {
        return "127.0.0.1:" + pushgatewayPort;
    }

    /**
     * Returns Prometheus's address, for a browser or a script.
     *
     * @return {@code http://127.0.0.1:port}
     */
    public String url() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    /**
     * Runs a range query, as a graph panel does, ending now.
     *
     * @param promql the query
     * @param range how far back the graph reaches
     * @return the {@code data.result} array, one entry per series
     * @throws Exception if the query fails
     */
    public JsonNode queryRange(String promql, Duration range) throws Exception {
        long end = System.currentTimeMillis() / 1000;
        return get(
                "/api/v1/query_range?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                        + "&start="
                        + (end - range.toSeconds())
                        + "&end="
                        + end
                        + "&step=1");
    }

    /**
     * Waits until an instant query finds no series: after its target stopped answering, Prometheus
     * marks the target's series stale and queries at "now" no longer see them.
     *
     * @param promql the query, e.g. a metric name
     * @param timeout how long to wait
     * @return true once the query came back empty, false if it still found series
     * @throws Exception if the query fails
     */
    public boolean awaitStale(String promql, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queryResult(promql).size() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    /**
     * Runs an instant query and returns the value of its single series, if there is one.
     *
     * @param promql the query
     * @return the value, empty when no series matched
     * @throws Exception if the query fails
     */
    public OptionalDouble query(String promql) throws Exception {
        JsonNode result = queryResult(promql);
        if (result.size() == 0) {
            return OptionalDouble.empty();
        }
        assertTrue(result.size() == 1, "one series for " + promql + ", got " + result);
        return OptionalDouble.of(result.get(0).get("value").get(1).asDouble());
    }

    /**
     * Runs an instant query and returns its result array.
     *
     * @param promql the query
     * @return the {@code data.result} array
     * @throws Exception if the query fails
     */
    public JsonNode queryResult(String promql) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        String url = url() + pathAndQuery;
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertTrue("success".equals(body.path("status").asText()), response.body());
        return body.get("data").get("result");
    }

    /**
     * Polls a query until its value equals the expected one or the timeout passes.
     *
     * @param promql the query
     * @param expected the expected value
     * @param timeout how long to wait
     * @return the last value seen
     * @throws Exception if the query fails
     */
    public OptionalDouble awaitValue(String promql, double expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalDouble value = query(promql);
        while (System.nanoTime() < deadline
                && !(value.isPresent() && value.getAsDouble() == expected)) {
            Thread.sleep(250);
            value = query(promql);
        }
        return value;
    }

    /**
     * Returns the scrape health and last error of every target, for failure messages.
     *
     * @return one line per target
     * @throws Exception if the API cannot be read
     */
    public String targets() throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + prometheusPort
                                                        + "/api/v1/targets"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        StringBuilder lines = new StringBuilder();
        for (JsonNode target : JSON.readTree(response.body()).path("data").path("activeTargets")) {
            lines.append(target.path("scrapeUrl").asText())
                    .append(' ')
                    .append(target.path("health").asText())
                    .append(' ')
                    .append(target.path("lastError").asText())
                    .append('\n');
        }
        return lines.toString();
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void waitReady(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response =
                        HTTP.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail(url + " did not become ready within 30 s");
    }

    /** Stops both servers. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
