package dev.greentrain.bench;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.export.PrometheusEndpoint;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves a realistic metrics page (the meters of three runs) on a loopback port for a fixed time,
 * for a load generator such as wrk to scrape; prints the URL first.
 */
@Command(
        name = "scrape-load-server",
        mixinStandardHelpOptions = true,
        description = "Serves a realistic metrics page for a scrape load test.")
public final class ScrapeLoadServer implements Callable<Integer> {

    @Option(names = "--port", description = "Port, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--seconds", description = "How long to serve (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    /**
     * Runs the server.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ScrapeLoadServer()).execute(args));
    }

    /** {@inheritDoc} */
    @Override
    public Integer call() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String run : new String[] {"baseline", "infobatch", "random"}) {
            TrainingMetrics metrics =
                    TrainingMetrics.builder().setRegistry(registry).optRun(run).build();
            InfoBatch infoBatch = InfoBatch.builder().setDatasetSize(60_000).setEpochs(10).build();
            infoBatch.nextEpoch();
            metrics.setPruningPolicy(infoBatch);
        }
        try (PrometheusEndpoint endpoint =
                PrometheusEndpoint.builder().setRegistry(registry).optPort(port).build()) {
            System.out.println(endpoint.getUrl());
            System.out.flush();
            Thread.sleep(seconds * 1000L);
        }
        return 0;
    }
}
