package dev.greentrain.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.listeners.export.ExportSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The {@code grafana/prometheus.yml} the README points users to is valid for Prometheus. */
@Tag("integration")
class ShippedPrometheusConfigTest {

    @Test
    void promtoolAcceptsTheShippedConfig() throws Exception {
        PrometheusServers.requireInstalled(PrometheusServers.PROMTOOL, "prometheus");
        Path config = Path.of("..", "grafana", "prometheus.yml").toAbsolutePath().normalize();
        assertTrue(Files.exists(config), config + " exists");
        Process promtool =
                new ProcessBuilder(
                                PrometheusServers.PROMTOOL.toString(),
                                "check",
                                "config",
                                config.toString())
                        .redirectErrorStream(true)
                        .start();
        String output =
                new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), output);
        assertTrue(output.contains("SUCCESS"), output);
        String text = Files.readString(config);
        assertTrue(text.contains("honor_labels: true"), "the Pushgateway job keeps pushed labels");
        assertTrue(
                text.contains("127.0.0.1:" + ExportSettings.DEFAULT_PORT),
                "scrapes the default endpoint port");
    }
}
