package dev.greentrain.listeners.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplEnergySourceTest {

    @TempDir Path powercap;

    private Path zone(String name, String kind, long energy, long max) throws IOException {
        Path zone = Files.createDirectories(powercap.resolve(name));
        Files.writeString(zone.resolve("name"), kind + "\n");
        Files.writeString(zone.resolve("energy_uj"), energy + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), max + "\n");
        return zone;
    }

    private static void set(Path zone, long energy) throws IOException {
        Files.writeString(zone.resolve("energy_uj"), energy + "\n");
    }

    @Test
    void sumsThePackageDomainsAndSkipsSubzones() throws IOException {
        Path zero = zone("intel-rapl:0", "package-0", 1_000_000, 262_143_328_850L);
        Path one = zone("intel-rapl:1", "package-1", 5_000_000, 262_143_328_850L);
        Path core = zone("intel-rapl:0:0", "core", 0, 262_143_328_850L);
        Optional<EnergySource> source = RaplEnergySource.detect(powercap);
        assertTrue(source.isPresent());
        assertEquals("cpu", source.get().component());
        assertEquals("rapl", source.get().method());
        assertEquals(0, source.get().joules(), 1e-9);
        set(zero, 3_500_000); // +2.5 J
        set(one, 6_000_000); // +1.0 J
        set(core, 99_000_000); // a subzone of package 0: not counted twice
        assertEquals(3.5, source.get().joules(), 1e-9);
    }

    @Test
    void handlesTheCounterWrappingAround() throws IOException {
        long max = 10_000_000; // the counter runs 0..10,000,000 µJ
        Path zero = zone("intel-rapl:0", "package-0", 9_000_000, max);
        EnergySource source = RaplEnergySource.detect(powercap).orElseThrow();
        set(zero, 500_000); // 1,000,001 µJ to wrap + 500,000 after it
        assertEquals(1.500001, source.joules(), 1e-9);
        set(zero, 2_500_000);
        assertEquals(3.500001, source.joules(), 1e-9);
    }

    @Test
    void anUnreadableCounterFallsBack() throws IOException {
        zone("intel-rapl:0", "package-0", 1, 100);
        RaplDomain.FileReader denied =
                file -> {
                    throw new AccessDeniedException(file.toString());
                };
        assertTrue(RaplEnergySource.detect(powercap, denied).isEmpty());
    }

    @Test
    void aMissingDomainOrTreeMeansNoSource() throws IOException {
        assertTrue(RaplEnergySource.detect(powercap.resolve("absent")).isEmpty());
        assertTrue(RaplEnergySource.detect(powercap).isEmpty(), "no intel-rapl zone");
        Files.createDirectories(powercap.resolve("intel-rapl:0")); // zone without counter files
        assertTrue(RaplEnergySource.detect(powercap).isEmpty());
    }
}
