package dev.greentrain.bench;

import dev.greentrain.listeners.energy.CpuModelEnergySource;
import dev.greentrain.listeners.energy.EnergySource;
import dev.greentrain.listeners.energy.RamModelEnergySource;
import dev.greentrain.listeners.energy.RaplEnergySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of one energy reading per source: what a sample at an epoch or batch boundary costs
 * (the CPU and RAM models run on this machine; RAPL reads a powercap tree in a temporary directory,
 * since this machine has none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnergySamplingBenchmark {

    private Path powercap;
    private EnergySource rapl;
    private EnergySource cpuModel;
    private EnergySource ramModel;

    /** Creates the sources and a one-package powercap tree. */
    @Setup
    public void open() throws IOException {
        powercap = Files.createTempDirectory("powercap");
        Path zone = Files.createDirectories(powercap.resolve("intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("energy_uj"), "123456789\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        rapl = RaplEnergySource.detect(powercap).orElseThrow();
        cpuModel = new CpuModelEnergySource(CpuModelEnergySource.defaultTdpWatts(), 2);
        ramModel = new RamModelEnergySource(RamModelEnergySource.DEFAULT_WATTS_PER_GB);
    }

    /** Deletes the powercap tree. */
    @TearDown
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(powercap)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * Reads RAPL.
     *
     * @return joules
     */
    @Benchmark
    public double rapl() {
        return rapl.joules();
    }

    /**
     * Reads the CPU model (process CPU time).
     *
     * @return joules
     */
    @Benchmark
    public double cpuModel() {
        return cpuModel.joules();
    }

    /**
     * Reads the RAM model (resident memory from /proc).
     *
     * @return joules
     */
    @Benchmark
    public double ramModel() {
        return ramModel.joules();
    }

    /**
     * One full sample on this machine: the CPU and RAM models.
     *
     * @return joules
     */
    @Benchmark
    public double sampleThisMachine() {
        return cpuModel.joules() + ramModel.joules();
    }
}
