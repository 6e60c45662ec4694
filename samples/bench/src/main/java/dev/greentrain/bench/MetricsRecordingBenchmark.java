package dev.greentrain.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** JMH benchmark of what the metrics listener costs per training batch. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsRecordingBenchmark {

    private NDManager manager;
    private TrainingMetrics metrics;
    private BatchData batchData;

    /** Binds the listener, with an InfoBatch policy, to a Prometheus registry. */
    @Setup(Level.Trial)
    public void bind() {
        manager = NDManager.newBaseManager();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = TrainingMetrics.builder().setRegistry(registry).optRun("bench").build();
        InfoBatch infoBatch =
                InfoBatch.builder().setDatasetSize(60_000).setEpochs(Integer.MAX_VALUE).build();
        infoBatch.nextEpoch();
        metrics.setPruningPolicy(infoBatch);
        Batch batch = new Batch(manager, new NDList(), new NDList(), 128, null, null, 128, 60_000);
        batchData = new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    /** Frees the native memory. */
    @TearDown(Level.Trial)
    public void close() {
        manager.close();
    }

    /**
     * Records one training batch's metrics.
     *
     * @return the samples counted, so that the work is not eliminated
     */
    @Benchmark
    public long recordBatch() {
        metrics.onTrainingBatch(null, batchData);
        return metrics.getSamplesForwarded();
    }
}
