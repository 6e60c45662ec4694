package dev.greentrain.listeners.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EnergyModelsTest {

    @Test
    void cpuModelChargesTdpPerCpuForEachSecondOfProcessCpuTime() {
        AtomicLong cpuNanos = new AtomicLong(5_000_000_000L);
        CpuModelEnergySource cpu = new CpuModelEnergySource(65, 8, cpuNanos::get);
        assertEquals(0, cpu.joules(), 1e-12);
        cpuNanos.addAndGet(12_000_000_000L); // 12 core-seconds
        // 12 s x 65 W / 8 CPUs = 97.5 J
        assertEquals(97.5, cpu.joules(), 1e-9);
        assertEquals("cpu-model", cpu.method());
    }

    @Test
    void cpuModelRunsOnThisJvm() {
        CpuModelEnergySource cpu =
                new CpuModelEnergySource(CpuModelEnergySource.defaultTdpWatts(), 2);
        long sum = 0;
        for (int i = 0; i < 20_000_000; i++) {
            sum += i % 7;
        }
        assertTrue(sum > 0);
        assertTrue(cpu.joules() > 0, "busy CPU time costs energy");
    }

    @Test
    void ramModelIntegratesPowerPerGbOverTime() {
        AtomicLong clock = new AtomicLong(0);
        AtomicLong resident = new AtomicLong(2_000_000_000L); // 2 GB
        RamModelEnergySource ram = new RamModelEnergySource(0.375, resident::get, clock::get);
        clock.set(10_000_000_000L); // 10 s at 2 GB x 0.375 W/GB = 7.5 J
        assertEquals(7.5, ram.joules(), 1e-9);
        resident.set(4_000_000_000L);
        clock.addAndGet(2_000_000_000L); // + 2 s at 4 GB = 3 J
        assertEquals(10.5, ram.joules(), 1e-9);
        assertTrue(
                RamModelEnergySource.residentBytes(java.nio.file.Path.of("/proc/self/statm")) > 0);
    }

    @Test
    void badModelSettingsGiveClearErrors() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new CpuModelEnergySource(0, 8, () -> 0));
        assertTrue(e.getMessage().contains("optCpuTdp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RamModelEnergySource(-1));
        assertTrue(e.getMessage().contains("-1.0 W/GB"), e.getMessage());
    }

    @Test
    void nonFiniteModelSettingsAreRefusedUpFront() {
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NaN}) {
            // refused by the builder, whether or not the CPU model is used (RAPL present)
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EnergyMetrics.builder().optCpuTdp(bad));
            assertTrue(e.getMessage().contains("CPU TDP " + bad + " W"), e.getMessage());
            assertTrue(e.getMessage().contains("finite number"), e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EnergyMetrics.builder().optRamWattsPerGb(bad));
            assertTrue(e.getMessage().contains(bad + " W/GB"), e.getMessage());
            assertTrue(e.getMessage().contains("finite number"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new CpuModelEnergySource(bad, 8));
            assertThrows(IllegalArgumentException.class, () -> new RamModelEnergySource(bad));
            assertThrows(IllegalArgumentException.class, () -> new CarbonIntensity(bad, 1, "x"));
            assertThrows(IllegalArgumentException.class, () -> new CarbonIntensity(475, bad, "x"));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> EnergyMetrics.builder().optCpuTdp(Double.NEGATIVE_INFINITY));
    }

    @Test
    void nvmlDetectionRaisesNoErrorAndFindsNoGpuWithoutADriver() {
        // runs everywhere, never skipped: without a driver nothing is detected; with one,
        // detection still must not throw (what it finds depends on the machine's GPUs)
        var detected = NvmlEnergySource.detect();
        if (!nvidiaDriverPresent()) {
            assertTrue(detected.isEmpty(), "no NVIDIA driver, so no NVML source");
        }
    }

    /** Whether the NVIDIA driver's device or NVML library is on this machine. */
    private static boolean nvidiaDriverPresent() {
        return Stream.of(
                        "/dev/nvidia0",
                        "/proc/driver/nvidia/version",
                        "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1",
                        "/usr/lib/aarch64-linux-gnu/libnvidia-ml.so.1",
                        "/usr/lib64/libnvidia-ml.so.1",
                        "/usr/lib/libnvidia-ml.so.1",
                        "/usr/lib/wsl/lib/libnvidia-ml.so.1")
                .anyMatch(path -> Files.exists(Path.of(path)));
    }

    @Test
    void cudaVisibleDevicesSelectsTheGpus() {
        assertEquals(List.of(0, 1, 2, 3), VisibleGpus.indices(null, 4));
        assertEquals(List.of(2, 0), VisibleGpus.indices("2,0", 4));
        assertEquals(List.of(1), VisibleGpus.indices(" 1 , 7, 2", 4), "stops at invalid 7");
        assertEquals(List.of(), VisibleGpus.indices("", 4));
        assertEquals(List.of(), VisibleGpus.indices("-1", 4));
    }

    @Test
    void theRamModelsFallbackToTheHeapHasItsOwnMethod(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals(
                "ram-model",
                new RamModelEnergySource(0.375, java.nio.file.Path.of("/proc/self/statm"))
                        .method());
        RamModelEnergySource heap = new RamModelEnergySource(0.375, dir.resolve("no-statm"));
        assertEquals("ram-model-heap", heap.method());
        assertTrue(heap.joules() >= 0);
    }
}
