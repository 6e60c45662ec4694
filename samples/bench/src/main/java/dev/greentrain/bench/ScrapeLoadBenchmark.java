package dev.greentrain.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A bounded scrape load: concurrent scrapers, each scraping a metrics URL at a fixed rate for a
 * fixed time; prints the latency percentiles and the errors.
 */
@Command(
        name = "scrape-load-benchmark",
        mixinStandardHelpOptions = true,
        description = "Bounded concurrent scrapes of a metrics URL: latency percentiles, errors.")
public final class ScrapeLoadBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "The metrics URL.")
    URI url;

    @Option(names = "--scrapers", description = "Concurrent scrapers (default: ${DEFAULT-VALUE}).")
    int scrapers = 20;

    @Option(
            names = "--rate",
            description = "Scrapes per second per scraper (default: ${DEFAULT-VALUE}).")
    int rate = 10;

    @Option(names = "--seconds", description = "Measured duration (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(
            names = "--warmup",
            description = "Seconds of the same load before measuring (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    /**
     * Runs the benchmark.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ScrapeLoadBenchmark()).execute(args));
    }

    /** {@inheritDoc} */
    @Override
    public Integer call() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(scrapers);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < scrapers; i++) {
            long offset = periodNanos * i / scrapers;
            workers.add(
                    pool.submit(
                            () -> {
                                for (long next = start + offset; next < end; next += periodNanos) {
                                    long wait = next - System.nanoTime();
                                    if (wait > 0) {
                                        TimeUnit.NANOSECONDS.sleep(wait);
                                    }
                                    long sent = System.nanoTime();
                                    try {
                                        HttpResponse<String> response =
                                                client.send(
                                                        request,
                                                        HttpResponse.BodyHandlers.ofString());
                                        if (response.statusCode() != 200 && sent >= measureFrom) {
                                            errors.incrementAndGet();
                                        }
                                    } catch (Exception e) {
                                        if (sent >= measureFrom) {
                                            errors.incrementAndGet();
                                        }
                                    }
                                    if (sent >= measureFrom) {
                                        latencies.add(System.nanoTime() - sent);
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "%d scrapers x %d/s for %d s: %,d scrapes, %d errors, latency p50 %.2f ms, p99"
                        + " %.2f ms, max %.2f ms%n",
                scrapers,
                rate,
                seconds,
                sorted.size(),
                errors.get(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
        return 0;
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
