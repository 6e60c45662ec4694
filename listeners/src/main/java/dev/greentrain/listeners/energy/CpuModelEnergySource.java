package dev.greentrain.listeners.energy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * CPU energy estimated from a TDP figure and this process's CPU time: every second a core spends on
 * this process costs {@code TDP / logical CPUs} joules, so the figure is per process. Used when
 * RAPL is absent or unreadable.
 */
public final class CpuModelEnergySource implements EnergySource {

    /** The default power per logical CPU when the TDP is not given: 4 W (CodeCarbon's fallback). */
    public static final double DEFAULT_WATTS_PER_THREAD = 4.0;

    private final double tdpWatts;
    private final int logicalCpus;
    private final LongSupplier processCpuNanos;
    private final long startNanos;

    /**
     * Creates the model for this process.
     *
     * @param tdpWatts the CPU's thermal design power in watts, for all its logical CPUs
     * @param logicalCpus the number of logical CPUs the TDP covers, e.g. {@link #hostLogicalCpus()}
     */
    public CpuModelEnergySource(double tdpWatts, int logicalCpus) {
        this(tdpWatts, logicalCpus, processCpuTime());
    }

    CpuModelEnergySource(double tdpWatts, int logicalCpus, LongSupplier processCpuNanos) {
        checkTdp(tdpWatts);
        if (logicalCpus < 1) {
            throw new IllegalArgumentException(
                    "CPU count "
                            + logicalCpus
                            + " is invalid: the TDP covers at least 1 logical CPU.");
        }
        this.tdpWatts = tdpWatts;
        this.logicalCpus = logicalCpus;
        this.processCpuNanos = processCpuNanos;
        this.startNanos = processCpuNanos.getAsLong();
    }

    /**
     * Checks a CPU TDP.
     *
     * @param tdpWatts the TDP in watts
     * @return the TDP
     * @throws IllegalArgumentException if it is not a finite number above 0
     */
    static double checkTdp(double tdpWatts) {
        if (!(tdpWatts > 0) || Double.isInfinite(tdpWatts)) {
            throw new IllegalArgumentException(
                    "CPU TDP "
                            + tdpWatts
                            + " W is invalid: it must be a finite number of watts above 0; set"
                            + " optCpuTdp(watts) to your CPU's TDP (default 4 W per logical"
                            + " CPU).");
        }
        return tdpWatts;
    }

    /**
     * Returns the default TDP for this machine: 4 W per logical CPU of the host.
     *
     * @return watts
     */
    public static double defaultTdpWatts() {
        return DEFAULT_WATTS_PER_THREAD * hostLogicalCpus();
    }

    /**
     * Returns the host's logical CPUs, which a CPU's TDP covers (not only those this container or
     * affinity mask allows), from {@code /sys/devices/system/cpu/present}.
     *
     * @return the logical CPU count
     */
    public static int hostLogicalCpus() {
        try {
            int count = 0;
            String present = Files.readString(Path.of("/sys/devices/system/cpu/present")).trim();
            for (String range : present.split(",")) {
                String[] ends = range.split("-");
                int first = Integer.parseInt(ends[0]);
                int last = ends.length > 1 ? Integer.parseInt(ends[1]) : first;
                count += last - first + 1;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static LongSupplier processCpuTime() {
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun::getProcessCpuTime;
        }
        throw new IllegalStateException(
                "This JVM does not report process CPU time (com.sun.management"
                        + ".OperatingSystemMXBean); the CPU energy model needs it.");
    }

    /** {@inheritDoc} */
    @Override
    public String component() {
        return "cpu";
    }

    /** {@inheritDoc} */
    @Override
    public String method() {
        return "cpu-model";
    }

    /** {@inheritDoc} */
    @Override
    public double joules() {
        double cpuSeconds = (processCpuNanos.getAsLong() - startNanos) / 1e9;
        return cpuSeconds * tdpWatts / logicalCpus;
    }
}
