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

    /** Energy metrics on one fake source, bound to a registry and started. */
    private static EnergyMetrics startedOn(
            SimpleMeterRegistry registry, FakeSource source, CarbonIntensity carbon) {
        EnergyMetrics energy =
                EnergyMetrics.builder()
                        .optSources(List.of(source))
                        .optInterval(Duration.ofHours(1))
                        .optCarbon(carbon)
                        .build();
        energy.bindTo(registry, Tags.of("run", "r"));
        energy.start();
        return energy;
    }

    @Test
    void savingsAreEnergyPerTrainedSampleTimesSkippedSamples() {
        FakeSource source = new FakeSource();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnergyMetrics energy = startedOn(registry, source, new CarbonIntensity(360, 1.25, "user"));
        source.joules = 1000; // epoch 0: 1000 J for 100 trained samples, nothing skipped
        energy.onEpoch(new EpochSamples(100, 0, 0, EpochSamples.UNKNOWN));
        source.joules = 1600; // epoch 1: 600 J for 60 trained samples (10 J each), 40 skipped
        energy.onEpoch(new EpochSamples(60, 40, 0, EpochSamples.UNKNOWN));
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
        assertTrue(
                report.describe().contains("Saved by pruning (estimate from measured energy)"),
                report.describe());
    }

    @Test
    void phasesAreConsecutiveWindowsAndTheSavingUsesTheTrainPhasePerSampleNetOfMethodPasses() {
        FakeSource source = new FakeSource();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnergyMetrics energy = startedOn(registry, source, CarbonIntensity.worldAverage());
        source.joules = 30; // planning the epoch: 30 J
        energy.markPhaseEnd(EnergyPhase.METHOD);
        source.joules = 330; // first training batch
        energy.markPhaseEnd(EnergyPhase.TRAIN);
        source.joules = 630; // last training batch: 600 J for 60 trained samples, 10 J each
        energy.markPhaseEnd(EnergyPhase.TRAIN);
        source.joules = 1030; // evaluation: 400 J, which pruning does not shrink
        energy.onEpoch(new EpochSamples(60, 40, 30, EpochSamples.UNKNOWN));
        // 10 J x (40 skipped - 30 method passes x 1/3) = 300 J; the whole epoch's 1030 J / 60
        // samples would have given 17.2 J per sample
        EnergyReport report = energy.finish();
        assertEquals(300, report.savedJoules(), 1e-9);
        assertEquals(10, report.samplesSaved(), "passes saved: 40 skipped - 30 method passes");
        double[] expected = {30, 600, 400};
        for (EnergyPhase phase : EnergyPhase.values()) {
            assertEquals(
                    expected[phase.ordinal()],
                    registry.get("greentrain.energy.phase")
                            .tags("phase", phase.tag(), "component", "cpu", "method", "rapl")
                            .functionCounter()
                            .count(),
                    1e-9,
                    phase.tag());
            assertEquals(expected[phase.ordinal()], report.phases().get(phase), 1e-9);
        }
        assertTrue(report.describe().contains("method 30.0 J train 600.0 J evaluate 400.0 J"));
    }

    @Test
    void theForecastIsTheEnergySoFarPlusEnergyPerTrainedSampleTimesTheSamplesStillPlanned() {
        FakeSource source = new FakeSource();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnergyMetrics energy = startedOn(registry, source, new CarbonIntensity(360, 1.0, "user"));
        assertTrue(Double.isNaN(registry.get("greentrain.energy.forecast").gauge().value()));
        source.joules = 1000; // a full epoch of 100 samples; a pruned 60 and an annealing 100 left
        energy.onEpoch(new EpochSamples(100, 0, 0, 160));
        assertEquals(2600, registry.get("greentrain.energy.forecast").gauge().value(), 1e-9);
        source.joules = 1600; // the pruned epoch: 1600 J for 160 samples so far, 100 still planned
        energy.onEpoch(new EpochSamples(60, 40, 0, 100));
        // carbontracker's mean epoch x epochs would say 800 x 3 = 2400 J
        assertEquals(2600, energy.getForecastJoules(), 1e-9);
        // 2600 J = 1/1384.6 kWh at 360 g/kWh
        assertEquals(
                2600 / 3.6e6 * 360,
                registry.get("greentrain.emissions.forecast").gauge().value(),
                1e-12);
        energy.onEpoch(new EpochSamples(0, 0, 0, EpochSamples.UNKNOWN));
        assertTrue(Double.isNaN(energy.getForecastJoules()), "unknown run length: no forecast");
    }

    private static EnergyReport reportOf(EnergyReport.ComponentEnergy... components) {
        return new EnergyReport(
                Duration.ofSeconds(1),
                List.of(components),
                java.util.Map.of(),
                components.length,
                0,
                CarbonIntensity.worldAverage(),
                0,
                0,
                0);
    }

    @Test
    void figuresSayModelledUnlessEverySourceIsASensor() {
        EnergyReport.ComponentEnergy rapl = new EnergyReport.ComponentEnergy("cpu", "rapl", 1);
        EnergyReport.ComponentEnergy ram = new EnergyReport.ComponentEnergy("ram", "ram-model", 1);
        EnergyReport.ComponentEnergy cpu = new EnergyReport.ComponentEnergy("cpu", "cpu-model", 1);
        EnergyReport modelled = reportOf(cpu, ram);
        assertTrue(modelled.describe().startsWith("Energy (modelled)"), modelled.describe());
        assertTrue(modelled.describe().contains("cpu (modelled, cpu-model)"));
        assertTrue(modelled.describe().contains("estimate from modelled energy"));
        assertTrue(!modelled.describe().contains("measured"), modelled.describe());
        EnergyReport mixed = reportOf(rapl, ram);
        assertEquals("modelled", mixed.kind(), "a total with a modelled part is modelled");
        assertTrue(mixed.describe().contains("cpu (measured, rapl)"), mixed.describe());
        assertEquals("measured", EnergyKind.of(List.of("rapl", "nvml")));
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
        energy.onEpoch(new EpochSamples(10, 0, 0, EpochSamples.UNKNOWN));
        for (SimpleMeterRegistry registry : List.of(first, second)) {
            assertEquals(300, registry.get("greentrain.energy.all").functionCounter().count());
            assertEquals(13, registry.getMeters().size(), "every meter on both registries");
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
