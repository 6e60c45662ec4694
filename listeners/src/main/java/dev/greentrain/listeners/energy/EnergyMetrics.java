package dev.greentrain.listeners.energy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Energy, CO2 and what pruning saved, for a training run: a component that samples the energy
 * sources on its own thread between {@link #start()} and {@link #close()}, and publishes through
 * {@link #binder(Tags)} with the run's tags (or through {@code TrainingMetrics.Builder.optEnergy}).
 *
 * <p>Sources are detected once: CPU energy from RAPL when readable, else the CPU model; NVIDIA GPU
 * energy from NVML when present; memory from the RAM model. After {@link #start()} a sampler thread
 * reads them every interval (default 1 s) and at every epoch end; binding meters starts nothing
 * (before the start they read 0). The saving is an estimate, labelled as such: the energy per
 * trained sample measured in each epoch times the samples that epoch skipped.
 */
public final class EnergyMetrics implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EnergyMetrics.class);

    private final List<EnergySource> sources;
    private final Duration interval;
    private final CarbonIntensity carbon;
    private long startNanos = System.nanoTime();
    private volatile EnergySampler sampler;
    private volatile EnergyReport report;
    private double epochStartJoules;
    private double savedJoules;
    private long samplesSaved;

    private EnergyMetrics(Builder builder) {
        this.sources = builder.sources();
        this.interval = builder.interval;
        this.carbon = builder.carbon;
    }

    /**
     * Creates a builder; every setting has a documented default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the sources in use.
     *
     * @return the detected or given energy sources
     */
    public List<EnergySource> getSources() {
        return sources;
    }

    /**
     * Returns the carbon intensity and PUE in use.
     *
     * @return the carbon settings
     */
    public CarbonIntensity getCarbon() {
        return carbon;
    }

    /**
     * Starts sampling: energy counts from now, read by a daemon thread every interval.
     *
     * @throws IllegalStateException if sampling was already started (it starts once)
     */
    public synchronized void start() {
        if (sampler != null) {
            throw new IllegalStateException(
                    "Energy sampling was already started; start it once per run (build a new"
                            + " EnergyMetrics for another run).");
        }
        startNanos = System.nanoTime();
        sampler = new EnergySampler(sources, interval);
    }

    /**
     * Returns whether {@link #start()} was called (also after the sampling ended).
     *
     * @return whether sampling started
     */
    public boolean isStarted() {
        return sampler != null;
    }

    /**
     * Returns a binder that registers the energy meters with the run's tags on every registry it is
     * bound to; it starts nothing.
     *
     * @param runTags the run's tags (run, variant, model, dataset)
     * @return the energy meters' binder
     */
    public MeterBinder binder(Tags runTags) {
        Tags tags = Tags.of(runTags);
        return registry -> bindTo(registry, tags);
    }

    /**
     * Registers the energy meters with the run's tags on a registry; every registry it is called
     * for gets every meter. Starts nothing: see {@link #start()}.
     *
     * @param registry the registry
     * @param runTags the run's tags (run, variant, model, dataset)
     */
    public void bindTo(MeterRegistry registry, Tags runTags) {
        for (int i = 0; i < sources.size(); i++) {
            int index = i;
            EnergySource source = sources.get(i);
            Tags tags = runTags.and("component", source.component(), "method", source.method());
            FunctionCounter.builder("greentrain.energy", this, m -> m.joules(index))
                    .description("Energy used, by component and how it was obtained")
                    .baseUnit("joules")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("greentrain.power", this, m -> m.watts(index))
                    .description("Power over the last sampling interval, by component")
                    .baseUnit("watts")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
        }
        FunctionCounter.builder("greentrain.energy.all", this, EnergyMetrics::totalJoules)
                .description("Energy used by all components")
                .baseUnit("joules")
                .tags(runTags)
                .register(registry);
        FunctionCounter.builder("greentrain.emissions", this, m -> carbon.grams(m.totalJoules()))
                .description("Emissions: energy x PUE x carbon intensity, CO2-equivalents")
                .baseUnit("grams")
                .tags(runTags)
                .register(registry);
        Gauge.builder("greentrain.carbon.intensity", this, m -> m.carbon.gramsPerKwh())
                .description("Carbon intensity of the electricity, gCO2e per kWh")
                .baseUnit("grams_per_kwh")
                .tags(runTags.and("source", carbon.source()))
                .strongReference(true)
                .register(registry);
        Gauge.builder("greentrain.pue", this, m -> m.carbon.pue())
                .description("Power usage effectiveness applied to the energy")
                .tags(runTags)
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("greentrain.energy.saved", this, EnergyMetrics::savedJoules)
                .description(
                        "Energy saved by pruning, an estimate: energy per trained sample of each"
                                + " epoch times the samples it skipped")
                .baseUnit("joules")
                .tags(runTags)
                .register(registry);
        FunctionCounter.builder(
                        "greentrain.emissions.saved", this, m -> m.carbon.grams(m.savedJoules()))
                .description("Emissions saved by pruning, an estimate")
                .baseUnit("grams")
                .tags(runTags)
                .register(registry);
    }

    private double joules(int source) {
        EnergySampler s = sampler;
        return s == null ? 0 : s.joules(source);
    }

    private double watts(int source) {
        EnergySampler s = sampler;
        return s == null ? 0 : s.watts(source);
    }

    private double totalJoules() {
        EnergySampler s = sampler;
        return s == null ? 0 : s.totalJoules();
    }

    private synchronized double savedJoules() {
        return savedJoules;
    }

    /**
     * Accounts one finished epoch: samples the energy and estimates what the skipped samples saved;
     * does nothing before {@link #start()}.
     *
     * @param samplesTrained the samples trained in the epoch
     * @param samplesSkipped the samples pruning skipped in the epoch, net of the sampler's own
     *     forward passes (negative when the sampler cost more than it skipped)
     */
    public synchronized void onEpoch(long samplesTrained, long samplesSkipped) {
        EnergySampler s = sampler;
        if (s == null) {
            return;
        }
        s.sample();
        double total = s.totalJoules();
        double epochJoules = total - epochStartJoules;
        epochStartJoules = total;
        if (samplesTrained > 0) {
            savedJoules += epochJoules / samplesTrained * samplesSkipped;
        }
        samplesSaved += samplesSkipped;
    }

    /**
     * Stops sampling and logs the summary, once; later calls return the same report.
     *
     * @return the final report, or {@code null} if sampling never started
     */
    public synchronized EnergyReport finish() {
        EnergySampler s = sampler;
        if (s != null && report == null) {
            s.close();
            report = buildReport(s);
            logger.info("{}", report.describe());
        }
        return report;
    }

    /** Stops the sampling thread (as {@link #finish()}); the meters keep their final values. */
    @Override
    public void close() {
        finish();
    }

    /**
     * Returns the report: final after sampling ended, else the figures so far.
     *
     * @return the energy report, or {@code null} before {@link #start()}
     */
    public synchronized EnergyReport getReport() {
        if (report != null) {
            return report;
        }
        EnergySampler s = sampler;
        if (s == null) {
            return null;
        }
        s.sample();
        return buildReport(s);
    }

    private EnergyReport buildReport(EnergySampler s) {
        List<EnergyReport.ComponentEnergy> components = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            components.add(
                    new EnergyReport.ComponentEnergy(
                            sources.get(i).component(), sources.get(i).method(), s.joules(i)));
        }
        double total = s.totalJoules();
        return new EnergyReport(
                Duration.ofNanos(System.nanoTime() - startNanos),
                components,
                total,
                carbon.grams(total),
                carbon,
                samplesSaved,
                savedJoules,
                carbon.grams(savedJoules));
    }

    /** Builds {@link EnergyMetrics}. */
    public static final class Builder {

        private List<EnergySource> sources;
        private Path powercap = RaplEnergySource.POWERCAP;
        private double cpuTdpWatts = CpuModelEnergySource.defaultTdpWatts();
        private double ramWattsPerGb = RamModelEnergySource.DEFAULT_WATTS_PER_GB;
        private Duration interval = Duration.ofSeconds(1);
        private CarbonIntensity carbon = CarbonIntensity.worldAverage();

        Builder() {}

        /**
         * Sets the TDP of the CPU model, used when RAPL is absent.
         *
         * @param watts the thermal design power of the host's CPU(s), shared by all its logical
         *     CPUs; default 4 W per logical CPU
         * @return this builder
         * @throws IllegalArgumentException if the TDP is not a finite number above 0
         */
        public Builder optCpuTdp(double watts) {
            this.cpuTdpWatts = CpuModelEnergySource.checkTdp(watts);
            return this;
        }

        /**
         * Sets the memory model's power per GB of resident memory.
         *
         * @param wattsPerGb default 0.375 W/GB
         * @return this builder
         * @throws IllegalArgumentException if the power is not a finite number above 0
         */
        public Builder optRamWattsPerGb(double wattsPerGb) {
            this.ramWattsPerGb = RamModelEnergySource.checkWattsPerGb(wattsPerGb);
            return this;
        }

        /**
         * Sets where to look for RAPL zones.
         *
         * @param powercap default {@code /sys/class/powercap}
         * @return this builder
         */
        public Builder optPowercap(Path powercap) {
            this.powercap = Objects.requireNonNull(powercap, "powercap");
            return this;
        }

        /**
         * Sets the sampling interval.
         *
         * @param interval default 1 s
         * @return this builder
         */
        public Builder optInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(
                        "Energy sampling interval "
                                + interval
                                + " is invalid: it must be > 0; the default is 1 s.");
            }
            this.interval = interval;
            return this;
        }

        /**
         * Sets the carbon intensity and PUE, e.g. {@code CarbonIntensity.ofCountry("FR", 1.2)}.
         *
         * @param carbon default: world average, PUE 1
         * @return this builder
         */
        public Builder optCarbon(CarbonIntensity carbon) {
            this.carbon = Objects.requireNonNull(carbon, "carbon");
            return this;
        }

        /**
         * Replaces detection by the given sources (for tests and custom hardware).
         *
         * @param sources the energy sources to read
         * @return this builder
         */
        public Builder optSources(List<EnergySource> sources) {
            this.sources = List.copyOf(sources);
            return this;
        }

        private List<EnergySource> sources() {
            if (sources != null) {
                return sources;
            }
            List<EnergySource> detected = new ArrayList<>();
            Optional<EnergySource> rapl = RaplEnergySource.detect(powercap);
            detected.add(
                    rapl.orElseGet(
                            () ->
                                    new CpuModelEnergySource(
                                            cpuTdpWatts, CpuModelEnergySource.hostLogicalCpus())));
            NvmlEnergySource.detect().ifPresent(detected::add);
            detected.add(new RamModelEnergySource(ramWattsPerGb));
            return detected;
        }

        /**
         * Builds the energy metrics, detecting the sources.
         *
         * @return the energy metrics
         */
        public EnergyMetrics build() {
            return new EnergyMetrics(this);
        }
    }
}
