package dev.greentrain.listeners.export;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a registry's meters to a Prometheus Pushgateway (grouping key job + run): periodically on
 * a background thread, and once more when training ends, so jobs shorter than a scrape interval are
 * seen.
 *
 * <p>A Pushgateway that is down or slow never stops or slows training: pushes run on their own
 * daemon thread, the first failure logs one warning, later attempts back off exponentially (up to
 * {@value #MAX_BACKOFF_FACTOR} intervals), every failure is counted in {@code
 * greentrain.export.push.failures}, and the final push waits at most the timeout.
 */
public final class PushgatewayPublisher extends TrainingListenerAdapter implements AutoCloseable {

    static final int MAX_BACKOFF_FACTOR = 16;

    private static final Pattern HOST_PORT = Pattern.compile("[^/:\\s]+:(\\d{1,9})");

    private static final Logger logger = LoggerFactory.getLogger(PushgatewayPublisher.class);

    private final PushGateway pushGateway;
    private final String address;
    private final Duration interval;
    private final Duration timeout;
    private final Counter failures;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PushgatewayPublisher(Builder builder) {
        this.address = builder.address;
        this.interval = builder.interval;
        this.timeout = builder.timeout;
        this.pushGateway =
                PushGateway.builder()
                        .address(builder.address)
                        .job(builder.job)
                        .groupingKey("run", builder.run)
                        .registry(builder.registry.getPrometheusRegistry())
                        // connect + read together stay within the timeout
                        .connectionTimeout(builder.timeout.dividedBy(2))
                        .readTimeout(builder.timeout.dividedBy(2))
                        .build();
        this.failures =
                Counter.builder("greentrain.export.push.failures")
                        .description("Failed pushes to the Pushgateway")
                        .tags("run", builder.run, "job", builder.job)
                        .register(builder.registry);
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "greentrain-pushgateway");
                            thread.setDaemon(true);
                            return thread;
                        });
        if (!interval.isZero()) {
            scheduler.schedule(this::pushPeriodically, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Creates a builder; {@code setRegistry}, {@code setAddress} and {@code setRun} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of failed pushes so far.
     *
     * @return the failure count
     */
    public long getFailureCount() {
        return (long) failures.count();
    }

    private void pushPeriodically() {
        boolean ok = pushOnce();
        if (closed.get()) {
            return;
        }
        long factor = ok ? 1 : backoffFactor(consecutiveFailures.get());
        scheduler.schedule(
                this::pushPeriodically, interval.toMillis() * factor, TimeUnit.MILLISECONDS);
    }

    /** Returns how many intervals to wait after {@code failures} failed pushes in a row. */
    static long backoffFactor(int failures) {
        return Math.min(MAX_BACKOFF_FACTOR, 1L << Math.min(failures, 4));
    }

    /** Pushes now, on the calling thread; returns whether it succeeded. */
    private boolean pushOnce() {
        try {
            pushGateway.push();
            int failed = consecutiveFailures.getAndSet(0);
            if (failed > 0) {
                logger.info(
                        "Pushgateway at {} reachable again after {} failed pushes.",
                        address,
                        failed);
            }
            return true;
        } catch (Exception e) {
            failures.increment();
            consecutiveFailures.incrementAndGet();
            if (warned.compareAndSet(false, true)) {
                logger.warn(
                        "Cannot push metrics to the Pushgateway at {} ({}); training continues,"
                                + " pushes are retried with backoff and failures counted in"
                                + " greentrain_export_push_failures_total.",
                        address,
                        e.toString());
            } else {
                logger.debug("Push to {} failed again: {}", address, e.toString());
            }
            return false;
        }
    }

    /**
     * Pushes once more, on a thread of its own, and waits for it at most the timeout; never throws.
     *
     * @return whether the push succeeded within the timeout
     */
    public boolean pushNow() {
        FutureTask<Boolean> push = new FutureTask<>(this::pushOnce);
        Thread thread = new Thread(push, "greentrain-pushgateway-now");
        thread.setDaemon(true);
        thread.start();
        try {
            return push.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            push.cancel(true);
            logger.warn(
                    "Push to the Pushgateway at {} took longer than {} ms; gave up on it.",
                    address,
                    timeout.toMillis());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Makes the final push when training ends ({@code Trainer.close()}). */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        close();
    }

    /** Makes the final push (waiting at most the timeout) and stops the background thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // stop periodic pushes first, so the final push never queues behind a slow one
        scheduler.shutdownNow();
        pushNow();
    }

    /**
     * Checks a Pushgateway address: {@code host:port} with a port from 1 to 65535.
     *
     * @param address the address
     * @param what what the address is, for the message, e.g. the setting it came from
     * @throws IllegalArgumentException naming the address, the expected form and the fix
     */
    static void checkAddress(String address, String what) {
        Matcher parts = HOST_PORT.matcher(address);
        if (!parts.matches()) {
            throw new IllegalArgumentException(
                    what
                            + " \""
                            + address
                            + "\" is invalid: expected host:port, e.g. 127.0.0.1:9091.");
        }
        int port = Integer.parseInt(parts.group(1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    what
                            + " \""
                            + address
                            + "\" has port "
                            + port
                            + ", outside 1 to 65535: give the Pushgateway's port (9091 unless"
                            + " changed), e.g. 127.0.0.1:9091.");
        }
    }

    /** Builds a {@link PushgatewayPublisher}; periodic pushing starts at {@code build()}. */
    public static final class Builder {

        private PrometheusMeterRegistry registry;
        private String address;
        private String job = "greentrain";
        private String run;
        private Duration interval = ExportSettings.DEFAULT_PUSH_INTERVAL;
        private Duration timeout = Duration.ofSeconds(5);

        Builder() {}

        /**
         * Sets the registry whose meters are pushed.
         *
         * @param registry the Prometheus meter registry
         * @return this builder
         */
        public Builder setRegistry(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Sets the Pushgateway's address.
         *
         * @param address {@code host:port}, e.g. {@code 127.0.0.1:9091}
         * @return this builder
         */
        public Builder setAddress(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the run id, the grouping key next to the job.
         *
         * @param run the run id, as in the meters' {@code run} tag
         * @return this builder
         */
        public Builder setRun(String run) {
            this.run = Objects.requireNonNull(run, "run");
            return this;
        }

        /**
         * Sets the job name (default {@code greentrain}).
         *
         * @param job the job
         * @return this builder
         */
        public Builder optJob(String job) {
            this.job = Objects.requireNonNull(job, "job");
            return this;
        }

        /**
         * Sets the interval between periodic pushes; zero pushes only at the end of training.
         *
         * @param interval the push interval (default 15 s)
         * @return this builder
         */
        public Builder optInterval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets how long the final push may take before it is given up.
         *
         * @param timeout the timeout (default 5 s)
         * @return this builder
         */
        public Builder optTimeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Builds the publisher and starts its periodic pushes.
         *
         * @return the publisher
         * @throws IllegalArgumentException if the address is not host:port with a port from 1 to
         *     65535, the interval is negative or the timeout not positive
         */
        public PushgatewayPublisher build() {
            Objects.requireNonNull(registry, "registry: call setRegistry(...)");
            Objects.requireNonNull(address, "address: call setAddress(host:port)");
            Objects.requireNonNull(run, "run: call setRun(runId)");
            checkAddress(address, "Pushgateway address");
            if (interval.isNegative()) {
                throw new IllegalArgumentException(
                        "Push interval "
                                + interval.toMillis()
                                + " ms is invalid: use 0 or more (0 pushes only when training"
                                + " ends).");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(
                        "Push timeout "
                                + timeout.toMillis()
                                + " ms is invalid: it must be more than 0, e.g. 5 s.");
            }
            return new PushgatewayPublisher(this);
        }
    }
}
