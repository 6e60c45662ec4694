package dev.greentrain.listeners.energy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * (before the start they read 0). Every figure says whether it was measured (RAPL, NVML) or
 * modelled: the {@code method} tag per component, the word in the logged summary.
 *
 * <p>Energy is charged to phases as consecutive windows (Zeus-style): the caller marks where each
 * phase ends ({@link #markPhaseEnd(EnergyPhase)}: the method phase when the epoch is planned, the
 * train phase at every training batch) and {@link #onEpoch(EpochSamples)} ends the evaluation.
 *
 * <p>The saving is an estimate, labelled as such: per epoch, the train phase's energy per trained
 * sample (evaluation and the method's work apart, as they do not shrink with pruning) times the
 * samples skipped, net of the method's own forward passes, each charged {@link #METHOD_PASS_SHARE}
 * of a trained sample (a method pass is one forward pass in inference mode; a trained sample costs
 * a forward and a backward pass, the backward about twice the forward).
 *
 * <p>The forecast is the energy of the whole run: the energy so far plus the energy per trained
 * sample so far (all phases) times the samples the policy still plans, so that pruned and annealing
 * epochs are forecast at their own sizes (not carbontracker's mean epoch x epochs).
 */
public final class EnergyMetrics implements AutoCloseable {

    /** The share of a trained sample's energy charged for one of the method's forward passes. */
    public static final double METHOD_PASS_SHARE = 1.0 / 3.0;

    private static final Logger logger = LoggerFactory.getLogger(EnergyMetrics.class);

    private final List<EnergySource> sources;
    private final Duration interval;
    private final CarbonIntensity carbon;
    private long startNanos = System.nanoTime();
    private volatile EnergySampler sampler;
    private volatile EnergyReport report;
    private final PhaseEnergy phases;
    private boolean trainChargedThisEpoch;
    private double savedJoules;
    private long samplesSaved;
    private long samplesTrained;
    private double forecastJoules = Double.NaN;

    private EnergyMetrics(Builder builder) {
        this.sources = builder.sources();
        this.interval = builder.interval;
        this.carbon = builder.carbon;
        this.phases = new PhaseEnergy(sources.size());
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
        phases.restart(sampler.read());
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
            for (EnergyPhase phase : EnergyPhase.values()) {
                FunctionCounter.builder(
                                "greentrain.energy.phase", this, m -> m.joules(phase, index))
                        .description(
                                "Energy used by phase (method, train, evaluate), by component and"
                                        + " how it was obtained")
                        .baseUnit("joules")
                        .tags(tags.and("phase", phase.tag()))
                        .register(registry);
            }
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
                        "Energy saved by pruning, an estimate: the train phase's energy per trained"
                                + " sample of each epoch times the samples it skipped, net of the"
                                + " method's own forward passes")
                .baseUnit("joules")
                .tags(runTags)
                .register(registry);
        FunctionCounter.builder(
                        "greentrain.emissions.saved", this, m -> m.carbon.grams(m.savedJoules()))
                .description("Emissions saved by pruning, an estimate")
                .baseUnit("grams")
                .tags(runTags)
                .register(registry);
        bindForecast(registry, runTags);
    }

    /**
     * Registers the forecast gauges, NaN until the first epoch ends.
     *
     * @param registry the registry
     * @param runTags the run's tags
     */
    private void bindForecast(MeterRegistry registry, Tags runTags) {
        Gauge.builder("greentrain.energy.forecast", this, EnergyMetrics::getForecastJoules)
                .description(
                        "Energy forecast for the whole run: energy so far plus energy per trained"
                                + " sample so far times the samples still planned")
                .baseUnit("joules")
                .tags(runTags)
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "greentrain.emissions.forecast",
                        this,
                        m -> m.carbon.grams(m.getForecastJoules()))
                .description("Emissions forecast for the whole run, CO2-equivalents")
                .baseUnit("grams")
                .tags(runTags)
                .strongReference(true)
                .register(registry);
    }

    private synchronized double joules(EnergyPhase phase, int source) {
        return phases.joules(phase, source);
    }

    /**
     * Returns a phase's energy over all sources, up to its last boundary ({@link
     * #markPhaseEnd(EnergyPhase)}).
     *
     * @param phase the phase
     * @return joules charged to the phase so far, 0 before {@link #start()}
     */
    public synchronized double getPhaseJoules(EnergyPhase phase) {
        double total = 0;
        for (int i = 0; i < sources.size(); i++) {
            total += phases.joules(phase, i);
        }
        return total;
    }

    /**
     * Returns whether the total is measured (every source a sensor) or modelled.
     *
     * @return {@link EnergyKind#MEASURED} or {@link EnergyKind#MODELLED}
     */
    public String getKind() {
        return EnergyKind.of(sources.stream().map(EnergySource::method).toList());
    }

    /**
     * Returns the energy forecast for the whole run, as of the last finished epoch.
     *
     * @return joules, {@code NaN} before the first epoch ends or when the run's length is unknown
     */
    public synchronized double getForecastJoules() {
        return forecastJoules;
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
     * Ends a phase window: the energy since the previous boundary is charged to the phase (the
     * method phase when the epoch is planned, the train phase after every training batch); does
     * nothing before {@link #start()}.
     *
     * @param phase the phase that lasted until now
     */
    public synchronized void markPhaseEnd(EnergyPhase phase) {
        EnergySampler s = sampler;
        if (s == null) {
            return;
        }
        phases.charge(phase, s.read());
        trainChargedThisEpoch |= phase == EnergyPhase.TRAIN;
    }

    /**
     * Accounts one finished epoch: ends its evaluation window (or, when no training batch was
     * marked, charges the whole epoch to training), estimates what the skipped samples saved and
     * updates the forecast; does nothing before {@link #start()}.
     *
     * @param epoch the epoch's sample counts
     */
    public synchronized void onEpoch(EpochSamples epoch) {
        EnergySampler s = sampler;
        if (s == null) {
            return;
        }
        phases.charge(trainChargedThisEpoch ? EnergyPhase.EVALUATE : EnergyPhase.TRAIN, s.read());
        double trainJoules = phases.epochJoules(EnergyPhase.TRAIN);
        phases.nextEpoch();
        trainChargedThisEpoch = false;
        if (epoch.trained() > 0) {
            double perSample = trainJoules / epoch.trained();
            savedJoules += perSample * (epoch.skipped() - METHOD_PASS_SHARE * epoch.methodPasses());
        }
        samplesSaved += epoch.skipped() - epoch.methodPasses();
        samplesTrained += epoch.trained();
        double total = s.totalJoules();
        forecastJoules =
                samplesTrained > 0 && epoch.stillPlanned() != EpochSamples.UNKNOWN
                        ? total + total / samplesTrained * epoch.stillPlanned()
                        : Double.NaN;
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
        Map<EnergyPhase, Double> byPhase = new EnumMap<>(EnergyPhase.class);
        for (EnergyPhase phase : EnergyPhase.values()) {
            byPhase.put(phase, getPhaseJoules(phase));
        }
        double total = s.totalJoules();
        return new EnergyReport(
                Duration.ofNanos(System.nanoTime() - startNanos),
                components,
                byPhase,
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
