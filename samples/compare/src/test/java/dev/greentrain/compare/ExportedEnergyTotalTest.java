package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.listeners.export.ExportSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy a run exports (what the dashboards' totals read) is the energy it records and prints:
 * the exported counter starts when the arm's energy component is started, before training, not when
 * the metrics bind or the first batch trains.
 */
@Tag("integration")
class ExportedEnergyTotalTest {

    @TempDir Path dir;

    @Test
    void theEndpointsEnergyTotalOfEveryRunIsItsRecordedTotal() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                MetricsSetup metrics =
                        new MetricsSetup(
                                ExportSettings.from(new Properties(), Map.of())
                                        .withPort(0)
                                        .withRun("totals"))) {
            ArrayDataset train = Tabular.regression(manager, 1024, 3, true);
            ArrayDataset validation = Tabular.regression(manager, 256, 4, false);
            ComparisonResult result =
                    Comparison.builder()
                            .setWorkload(Tabular.workload(train, validation, 3))
                            .addVariants(new BaselineVariant(), new InfoBatchVariant())
                            .optSeeds(7)
                            .optOutputDirectory(dir.resolve("ab"))
                            .optMetrics(metrics)
                            .optProgress(
                                    new PrintStream(
                                            new ByteArrayOutputStream(),
                                            true,
                                            StandardCharsets.UTF_8))
                            .build()
                            .run();
            String scrape = scrape(metrics.getEndpointPort());
            for (RunRecord run : result.runs()) {
                String runId = metrics.runId(run.variant(), run.seed());
                double exported = energyTotal(scrape, runId);
                assertTrue(run.energyJoules() > 0, "the run used energy: " + run);
                // the only energy outside the recorded epochs: opening and closing the arm's
                // window around each epoch, microseconds of CPU time
                assertEquals(
                        run.energyJoules(),
                        exported,
                        Math.max(1e-3, 1e-3 * run.energyJoules()),
                        runId + " exported vs recorded");
            }
        }
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static double energyTotal(String scrape, String run) {
        Matcher line =
                Pattern.compile(
                                "(?m)^greentrain_energy_all_joules_total\\{[^}]*run=\""
                                        + Pattern.quote(run)
                                        + "\"[^}]*\\} (\\S+)$")
                        .matcher(scrape);
        assertTrue(line.find(), "no energy total for " + run + " in\n" + scrape);
        return Double.parseDouble(line.group(1));
    }
}
