package dev.greentrain.bench;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.pruning.EpochPlan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of InfoBatch's per-epoch pruning decision (threshold, selection, shuffle) at
 * ImageNet-1K size and at ten million samples.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g", "-XX:+UseParallelGC"})
public class PruningDecisionBenchmark {

    /** The dataset size. */
    @Param({"1280000", "10000000"})
    public int samples;

    private InfoBatch infoBatch;

    /** Builds a pruner whose every sample has a score, so every epoch prunes. */
    @Setup
    public void scoreEverySample() {
        infoBatch =
                InfoBatch.builder()
                        .setDatasetSize(samples)
                        .setEpochs(Integer.MAX_VALUE / 2)
                        .optDelta(1.0)
                        .build();
        ExponentialLosses.recordAll(infoBatch);
    }

    /**
     * Plans one epoch: mean threshold, random keep of the well-learned, shuffle.
     *
     * @return the plan, so that the work is not eliminated
     */
    @Benchmark
    public EpochPlan planEpoch() {
        return infoBatch.nextEpoch();
    }
}
