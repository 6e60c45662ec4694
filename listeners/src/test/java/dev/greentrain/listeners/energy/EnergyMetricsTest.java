package dev.greentrain.listeners.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.listeners.PrometheusServers;
import dev.greentrain.listeners.SyntheticTraining;
import dev.greentrain.listeners.metrics.TrainingMetrics;
import dev.greentrain.pruning.EpochStats;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyMetricsTest {

    @TempDir Path dir;

    /** A source whose energy the test sets. */
    private static final class FakeSource implements EnergySource {
        volatile double joules;
        final java.util.concurrent.atomic.AtomicInteger reads =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String component() {
            return "cpu";
        }

        @Override
        public String method() {
            return "rapl";
        }

        @Override
        public double joules() {
            reads.incrementAndGet();
            return joules;
        }
    }

    @Test
    void savingsAreEnergyPerTrainedSampleTimesSkippedSamples() {
        FakeSource source = new FakeSource();
        EnergyMetrics energy =
                EnergyMetrics.builder()
                        .optSources(List.of(source))
                        .optInterval(Duration.ofHours(1))
                        .optCarbon(new CarbonIntensity(360, 1.25, "user"))
                        .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        energy.bindTo(registry, Tags.of("run", "r"));
        energy.start();
        source.joules = 1000; // epoch 0: 1000 J for 100 trained samples, nothing skipped
        energy.onEpoch(100, 0);
        source.joules = 1600; // epoch 1: 600 J for 60 trained samples (10 J each), 40 skipped
        energy.onEpoch(60, 40);
        EnergyReport report = energy.finish();
        assertEquals(400, report.savedJoules(), 1e-9, "40 skipped x 10 J");
        assertEquals(40, report.samplesSaved());
        assertEquals(1600, report.joules(), 1e-9);
        // 1600 J = 1/2250 kWh; x 1.25 x 360 g/kWh = 0.2 g
        assertEquals(0.2, report.grams(), 1e-9);
        assertEquals(0.05, report.savedGrams(), 1e-9);
        assertEquals(1600, registry.get("greentrain.energy.all").functionCounter().count(), 1e-9);
        assertEquals(
                1600,
                registry.get("greentrain.energy")
                        .tags("component", "cpu", "method", "rapl")
                        .functionCounter()
                        .count(),
                1e-9);
        assertEquals(0.2, registry.get("greentrain.emissions").functionCounter().count(), 1e-9);
        assertEquals(400, registry.get("greentrain.energy.saved").functionCounter().count(), 1e-9);
        assertEquals(360, registry.get("greentrain.carbon.intensity").gauge().value());
        assertEquals(1.25, registry.get("greentrain.pue").gauge().value());
        assertTrue(report.describe().contains("Saved by pruning (estimate)"), report.describe());
    }

    private static java.util.Set<Thread> energyThreads() {
        java.util.Set<Thread> threads = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("greentrain-energy") && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }

    @Test
    void bindingStartsNoThreadAndReadsNothingUntilStart() {
        FakeSource source = new FakeSource();
        source.joules = 500;
        EnergyMetrics energy =
                EnergyMetrics.builder()
                        .optSources(List.of(source))
                        .optInterval(Duration.ofHours(1))
                        .build();
        java.util.Set<Thread> before = energyThreads();
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        energy.bindTo(first, Tags.of("run", "a"));
        energy.binder(Tags.of("run", "a")).bindTo(second);
        assertTrue(before.containsAll(energyThreads()), "no sampling thread before start()");
        assertEquals(0, source.reads.get(), "no source read before start()");
        assertEquals(0, first.get("greentrain.energy.all").functionCounter().count());
        assertEquals(null, energy.getReport());
        assertTrue(!energy.isStarted());

        energy.start();
        java.util.Set<Thread> started = energyThreads();
        started.removeAll(before);
        assertEquals(1, started.size(), "start() starts the sampling thread");
        source.joules = 800; // 300 J since the start
        energy.onEpoch(10, 0);
        for (SimpleMeterRegistry registry : List.of(first, second)) {
            assertEquals(300, registry.get("greentrain.energy.all").functionCounter().count());
            assertEquals(8, registry.getMeters().size(), "every meter on both registries");
        }
        energy.close();
        assertEquals(300, energy.getReport().joules(), 1e-9);
        IllegalStateException again = assertThrows(IllegalStateException.class, energy::start);
        assertTrue(again.getMessage().contains("start it once"), again.getMessage());
    }

    @Tag("integration")
    @Test
    void aShortTrainingPublishesModelledEnergyOnThisMachine() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EnergyMetrics energy =
                EnergyMetrics.builder()
                        .optInterval(Duration.ofMillis(100))
                        .optCarbon(CarbonIntensity.ofCountry("DE", 1.1))
                        .build();
        InfoBatch infoBatch =
                SyntheticTraining.train(
                        true,
                        TrainingMetrics.builder()
                                .setRegistry(registry)
                                .optRun("energy")
                                .optEnergy(energy)
                                .build());
        EnergyReport report = energy.getReport();
        assertTrue(report.joules() > 0, report.describe());
        assertEquals(
                infoBatch.getEpochStats().stream().mapToLong(EpochStats::pruned).sum(),
                report.samplesSaved());
        assertTrue(report.savedJoules() > 0, report.describe());
        assertTrue(report.savedJoules() < report.joules(), report.describe());
        assertEquals(report.joules() / 3.6e6 * 1.1 * 381, report.grams(), 1e-12);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("greentrain_energy_joules_total{"), scrape);
        assertTrue(scrape.contains("method=\"ram-model\""), scrape);
        assertTrue(
                scrape.contains("method=\"cpu-model\"") || scrape.contains("method=\"rapl\""),
                scrape);
        assertTrue(scrape.contains("greentrain_power_watts{"), scrape);
        assertTrue(scrape.contains("greentrain_emissions_grams_total{"), scrape);
        assertTrue(scrape.contains("greentrain_energy_saved_joules_total{"), scrape);
        assertTrue(scrape.contains("greentrain_carbon_intensity_grams_per_kwh{"), scrape);
        assertTrue(scrape.contains("greentrain_pue{"), scrape);
        PrometheusServers.assertPromtoolFindsNothing(scrape, dir);
    }
}
