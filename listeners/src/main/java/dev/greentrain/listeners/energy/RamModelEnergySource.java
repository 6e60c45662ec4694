package dev.greentrain.listeners.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Memory energy estimated as a power per GB of this process's resident memory, integrated over time
 * between reads. Where the resident set size is unreadable (no {@code /proc/self/statm}) the model
 * falls back to the JVM heap in use, and says so in its method: {@code ram-model-heap}.
 */
public final class RamModelEnergySource implements EnergySource {

    /** The default memory power: 0.375 W per GB (3 W per 8 GB, CodeCarbon's earlier model). */
    public static final double DEFAULT_WATTS_PER_GB = 0.375;

    /** The method when the resident set size is read. */
    static final String METHOD = "ram-model";

    /** The method of the fallback to the JVM heap in use (no resident set size). */
    static final String HEAP_METHOD = "ram-model-heap";

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final double BYTES_PER_GB = 1e9;

    private final double wattsPerGb;
    private final LongSupplier residentBytes;
    private final String method;
    private final LongSupplier clockNanos;
    private long lastNanos;
    private double joules;

    /**
     * Creates the model for this process.
     *
     * @param wattsPerGb the memory power per GB of resident memory
     */
    public RamModelEnergySource(double wattsPerGb) {
        this(wattsPerGb, STATM);
    }

    RamModelEnergySource(double wattsPerGb, Path statm) {
        this(
                wattsPerGb,
                readResident(statm) >= 0
                        ? () -> residentBytes(statm)
                        : RamModelEnergySource::heapBytes,
                System::nanoTime,
                readResident(statm) >= 0 ? METHOD : HEAP_METHOD);
    }

    RamModelEnergySource(double wattsPerGb, LongSupplier residentBytes, LongSupplier clockNanos) {
        this(wattsPerGb, residentBytes, clockNanos, METHOD);
    }

    private RamModelEnergySource(
            double wattsPerGb, LongSupplier residentBytes, LongSupplier clockNanos, String method) {
        checkWattsPerGb(wattsPerGb);
        this.wattsPerGb = wattsPerGb;
        this.residentBytes = residentBytes;
        this.method = method;
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

    /** This process's resident set size from statm, else (unreadable) the JVM heap in use. */
    static long residentBytes(Path statm) {
        long resident = readResident(statm);
        return resident >= 0 ? resident : heapBytes();
    }

    /** The resident set size in a statm file, or -1 when it cannot be read. */
    private static long readResident(Path statm) {
        try {
            String[] fields = Files.readString(statm).trim().split("\\s+");
            return Long.parseLong(fields[1]) * 4096L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long heapBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** {@inheritDoc} */
    @Override
    public String component() {
        return "ram";
    }

    /** {@inheritDoc} */
    @Override
    public String method() {
        return method;
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
