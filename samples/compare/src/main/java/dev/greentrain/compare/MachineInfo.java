package dev.greentrain.compare;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a comparison ran: what decides whether its figures can be reproduced bit for bit (the same
 * CPU kernels and thread settings) and what can only be reproduced statistically.
 *
 * @param cpu the CPU model, from {@code /proc/cpuinfo}
 * @param logicalCpus the logical CPUs the JVM may use
 * @param ompNumThreads {@code OMP_NUM_THREADS}, or {@code unset}
 * @param ompWaitPolicy {@code OMP_WAIT_POLICY}, or {@code unset}
 * @param engineThreads the engine's intra-op threads as configured ({@code
 *     ai.djl.pytorch.num_threads}), or {@code engine default}
 * @param java the JVM's vendor and version
 * @param djl the DJL version
 * @param engine the engine and its version, e.g. {@code PyTorch 2.7.1}
 * @param os the operating system and architecture
 * @param malloc what the native allocator does ({@link SteadyMalloc})
 */
public record MachineInfo(
        String cpu,
        int logicalCpus,
        String ompNumThreads,
        String ompWaitPolicy,
        String engineThreads,
        String java,
        String djl,
        String engine,
        String os,
        String malloc) {

    /** DJL's system property for the PyTorch engine's intra-op threads. */
    public static final String ENGINE_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /**
     * Reads this machine's description.
     *
     * @return the machine
     */
    public static MachineInfo detect() {
        Engine engine = Engine.getInstance();
        return new MachineInfo(
                cpuModel().orElse("unknown"),
                Runtime.getRuntime().availableProcessors(),
                Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("unset"),
                Optional.ofNullable(System.getenv("OMP_WAIT_POLICY")).orElse("unset"),
                System.getProperty(ENGINE_THREADS_PROPERTY, "engine default"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"),
                Engine.getDjlVersion(),
                engine.getEngineName() + " " + engine.getVersion(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                SteadyMalloc.describe());
    }

    /**
     * Returns a warning when modelled CPU energy may include OpenMP spin-waiting: PyTorch's OpenMP
     * threads busy-wait between kernels unless {@code OMP_WAIT_POLICY=PASSIVE}, and the CPU model
     * charges that process CPU time as energy.
     *
     * @param ompWaitPolicy the value of {@code OMP_WAIT_POLICY}, or {@code null} when unset
     * @param energyMeasured whether every energy source is a sensor
     * @return the warning, or empty when the policy is passive or nothing is modelled
     */
    public static Optional<String> spinWaitWarning(String ompWaitPolicy, boolean energyMeasured) {
        if (energyMeasured || "passive".equalsIgnoreCase(ompWaitPolicy)) {
            return Optional.empty();
        }
        return Optional.of(
                "Warning: OMP_WAIT_POLICY is "
                        + (ompWaitPolicy == null ? "unset" : ompWaitPolicy)
                        + ": PyTorch's OpenMP threads spin-wait between kernels and the CPU energy"
                        + " model charges that CPU time to the arms; set OMP_WAIT_POLICY=PASSIVE"
                        + " (scripts/compare.sh does) for modelled energy that follows the work.");
    }

    private static Optional<String> cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Describes the machine in one sentence for a report.
     *
     * @return e.g. {@code Intel Xeon ..., 2 logical CPUs, OMP_NUM_THREADS unset, ...}
     */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s, %d logical CPUs, OMP_NUM_THREADS %s, OMP_WAIT_POLICY %s, intra-op threads"
                        + " %s; %s; DJL %s with %s; %s; %s",
                cpu,
                logicalCpus,
                ompNumThreads,
                ompWaitPolicy,
                engineThreads,
                java,
                djl,
                engine,
                os,
                malloc);
    }
}
