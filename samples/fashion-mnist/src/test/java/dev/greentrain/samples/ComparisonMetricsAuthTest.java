package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greentrain.listeners.export.Scrapes;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison program's endpoint requires the credentials of the export settings. */
@Tag("integration")
class ComparisonMetricsAuthTest {

    @TempDir Path dir;

    @Test
    void theProgramsEndpointRequiresTheCredentialsOfTheSystemProperties() throws Exception {
        System.setProperty("greentrain.metrics.user", "prometheus");
        System.setProperty("greentrain.metrics.password", "s3cret");
        try (RunningProgram program =
                RunningProgram.start(
                        FashionMnistComparison::commandLine,
                        "--variants",
                        "baseline",
                        "--model",
                        "mlp",
                        "--epochs",
                        "1",
                        "--train-limit",
                        "64",
                        "--batch-size",
                        "32",
                        "--metrics-port",
                        "0",
                        "--linger",
                        "5",
                        "--output-dir",
                        dir.toString(),
                        "--data-dir",
                        FashionMnistFiles.directory().toString())) {
            // the endpoint serves from before training until the linger ends
            String url = program.awaitPrinted(RunningProgram.METRICS_URL);
            Scrapes.assertOnlyTheRightCredentialsGetIn(url, "prometheus", "s3cret");
            assertEquals(0, program.exitCode());
        } finally {
            System.clearProperty("greentrain.metrics.user");
            System.clearProperty("greentrain.metrics.password");
        }
    }
}
