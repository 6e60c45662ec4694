package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greentrain.listeners.export.Scrapes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison program's endpoint requires the credentials of the export settings. */
@Tag("integration")
class ComparisonMetricsAuthTest {

    private static final Pattern METRICS_URL = Pattern.compile("Metrics: (http://\\S+)");

    @TempDir Path dir;

    @Test
    void theProgramsEndpointRequiresTheCredentialsOfTheSystemProperties() throws Exception {
        System.setProperty("greentrain.metrics.user", "prometheus");
        System.setProperty("greentrain.metrics.password", "s3cret");
        PrintStream original = System.out;
        PrintedUrl printed = new PrintedUrl();
        ExecutorService program = Executors.newSingleThreadExecutor();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Future<Integer> exit =
                    program.submit(
                            () ->
                                    FashionMnistComparison.commandLine()
                                            .execute(
                                                    "--variants", "baseline",
                                                    "--model", "mlp",
                                                    "--epochs", "1",
                                                    "--train-limit", "64",
                                                    "--batch-size", "32",
                                                    "--metrics-port", "0",
                                                    "--linger", "5",
                                                    "--output-dir", dir.toString(),
                                                    "--data-dir",
                                                            FashionMnistFiles.directory()
                                                                    .toString()));
            // the endpoint serves from before training until the linger ends
            String url = printed.url.get(5, TimeUnit.MINUTES);
            Scrapes.assertOnlyTheRightCredentialsGetIn(url, "prometheus", "s3cret");
            assertEquals(0, exit.get(5, TimeUnit.MINUTES));
        } finally {
            System.setOut(original);
            original.print(printed);
            program.shutdownNow();
            System.clearProperty("greentrain.metrics.user");
            System.clearProperty("greentrain.metrics.password");
        }
    }

    /** Collects what the program prints and completes with the metrics URL once it is printed. */
    private static final class PrintedUrl extends OutputStream {

        final CompletableFuture<String> url = new CompletableFuture<>();
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b == '\n' && !url.isDone()) {
                Matcher found = METRICS_URL.matcher(toString());
                if (found.find()) {
                    url.complete(found.group(1));
                }
            }
        }

        @Override
        public synchronized String toString() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
