package dev.greentrain.bench;

import dev.greentrain.losssampling.LossProportionalSampling;
import dev.greentrain.orderdp.OrderDP;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScoredPolicy;
import dev.greentrain.seta.SeTa;
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
 * JMH benchmark of the per-epoch decision of SeTa and OrderDP (random subset, rank window of the
 * stale losses) at the authors' defaults and of loss-proportional sampling (half the data), at
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
public class ScoredPolicyDecisionBenchmark {

    /** The policy: {@code seta}, {@code orderdp} or {@code loss-sampling}. */
    @Param({"seta", "orderdp", "loss-sampling"})
    public String policy;

    /** The dataset size. */
    @Param({"1280000", "10000000"})
    public int samples;

    private ScoredPolicy scored;

    /** Builds the policy and scores every sample, so every epoch ranks real losses. */
    @Setup
    public void scoreEverySample() {
        scored = create(policy, samples);
        ExponentialLosses.recordAll(scored);
    }

    /**
     * Creates a policy for a practically endless run that never anneals.
     *
     * @param policy {@code seta}, {@code orderdp} or {@code loss-sampling}
     * @param samples the dataset size
     * @return the policy at its defaults
     */
    static ScoredPolicy create(String policy, int samples) {
        int epochs = Integer.MAX_VALUE / 2;
        return switch (policy) {
            case "seta" ->
                    SeTa.builder().setDatasetSize(samples).setEpochs(epochs).optDelta(1.0).build();
            case "orderdp" -> OrderDP.builder().setDatasetSize(samples).setEpochs(epochs).build();
            case "loss-sampling" ->
                    LossProportionalSampling.builder()
                            .setDatasetSize(samples)
                            .setEpochs(epochs)
                            .build();
            default ->
                    throw new IllegalArgumentException(
                            "Unknown policy "
                                    + policy
                                    + ": expected seta, orderdp or loss-sampling.");
        };
    }

    /**
     * Plans one epoch: random subset, rank window, order.
     *
     * @return the plan, so that the work is not eliminated
     */
    @Benchmark
    public EpochPlan planEpoch() {
        return scored.nextEpoch();
    }
}
