package dev.greentrain.listeners.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Memory energy estimated as a power per GB of this process's resident memory, integrated over time
 * between reads.
 */
public final class RamModelEnergySource implements EnergySource {

    /** The default memory power: 0.375 W per GB (3 W per 8 GB, CodeCarbon's earlier model). */
    public static final double DEFAULT_WATTS_PER_GB = 0.375;

    private static final double BYTES_PER_GB = 1e9;

    private final double wattsPerGb;
    private final LongSupplier residentBytes;
    private final LongSupplier clockNanos;
    private long lastNanos;
    private double joules;

    /**
     * Creates the model for this process.
     *
     * @param wattsPerGb the memory power per GB of resident memory
     */
    public RamModelEnergySource(double wattsPerGb) {
        this(wattsPerGb, RamModelEnergySource::residentBytes, System::nanoTime);
    }

    RamModelEnergySource(double wattsPerGb, LongSupplier residentBytes, LongSupplier clockNanos) {
        checkWattsPerGb(wattsPerGb);
        this.wattsPerGb = wattsPerGb;
        this.residentBytes = residentBytes;
        this.clockNanos = clockNanos;
        this.lastNanos = clockNanos.getAsLong();
    }

    /**
     * Checks a memory power per GB.
     *
     * @param wattsPerGb the power per GB of resident memory
     * @return the power
     * @throws IllegalArgumentException if it is not a finite number above 0
     */
    static double checkWattsPerGb(double wattsPerGb) {
        if (!(wattsPerGb > 0) || Double.isInfinite(wattsPerGb)) {
            throw new IllegalArgumentException(
                    "Memory power "
                            + wattsPerGb
                            + " W/GB is invalid: it must be a finite number above 0; the default"
                            + " is 0.375 W/GB.");
        }
        return wattsPerGb;
    }

    /** This process's resident set size from /proc/self/statm, else the JVM heap in use. */
    static long residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(fields[1]) * 4096L;
        } catch (IOException | RuntimeException e) {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }

    /** {@inheritDoc} */
    @Override
    public String component() {
        return "ram";
    }

    /** {@inheritDoc} */
    @Override
    public String method() {
        return "ram-model";
    }

    /** {@inheritDoc} */
    @Override
    public double joules() {
        long now = clockNanos.getAsLong();
        double seconds = (now - lastNanos) / 1e9;
        lastNanos = now;
        joules += wattsPerGb * residentBytes.getAsLong() / BYTES_PER_GB * seconds;
        return joules;
    }
}
