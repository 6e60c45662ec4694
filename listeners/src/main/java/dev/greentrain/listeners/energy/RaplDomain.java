package dev.greentrain.listeners.energy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One RAPL energy counter ({@code energy_uj}) of the Linux powercap interface, with the counter's
 * wrap-around at {@code max_energy_range_uj} handled in one place.
 */
final class RaplDomain {

    private final Path energyFile;
    private final long maxRangeMicrojoules;
    private final FileReader reader;
    private long lastMicrojoules;
    private double microjoules;

    RaplDomain(Path directory, FileReader reader) throws IOException {
        this.energyFile = directory.resolve("energy_uj");
        this.reader = reader;
        this.maxRangeMicrojoules = reader.readLong(directory.resolve("max_energy_range_uj"));
        this.lastMicrojoules = reader.readLong(energyFile);
    }

    /** Reads the counter and returns the joules used since this domain was opened. */
    double joules() throws IOException {
        long now = reader.readLong(energyFile);
        long delta = now - lastMicrojoules;
        if (delta < 0) {
            // the counter wrapped: it counts from 0 again after max_energy_range_uj
            delta += maxRangeMicrojoules + 1;
        }
        lastMicrojoules = now;
        microjoules += delta;
        return microjoules / 1e6;
    }

    /** Reads a whole number from a sysfs file; replaceable in tests. */
    @FunctionalInterface
    interface FileReader {
        long readLong(Path file) throws IOException;

        /** The real reader: the file's trimmed text as a number. */
        FileReader SYSFS = file -> Long.parseLong(java.nio.file.Files.readString(file).trim());
    }
}
