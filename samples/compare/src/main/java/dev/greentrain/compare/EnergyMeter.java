package dev.greentrain.compare;

import dev.greentrain.listeners.energy.EnergyKind;
import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.energy.EnergySource;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The process's energy sources, detected once and read on demand; the arms of a comparison share
 * one meter and each adds up only the windows in which it ran.
 */
final class EnergyMeter {

    private final List<EnergySource> sources;

    EnergyMeter(List<EnergySource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Detects the sources of this machine (RAPL, NVML, else the CPU and RAM models).
     *
     * @param cpuTdpWatts the TDP of the CPU model
     * @return the meter
     */
    static EnergyMeter detect(double cpuTdpWatts) {
        return new EnergyMeter(EnergyMetrics.builder().optCpuTdp(cpuTdpWatts).build().getSources());
    }

    List<EnergySource> sources() {
        return sources;
    }

    /** Reads every source: joules since each was created, in the order of {@link #sources()}. */
    synchronized double[] read() {
        double[] joules = new double[sources.size()];
        for (int i = 0; i < joules.length; i++) {
            joules[i] = sources.get(i).joules();
        }
        return joules;
    }

    /**
     * Describes the sources.
     *
     * @return e.g. {@code cpu:cpu-model,ram:ram-model}
     */
    String method() {
        return sources.stream()
                .map(s -> s.component() + ":" + s.method())
                .collect(Collectors.joining(","));
    }

    /**
     * Returns whether every source is a sensor (RAPL or NVML) rather than a model.
     *
     * @return {@code true} only when nothing is modelled
     */
    boolean measured() {
        return kind().equals(EnergyKind.MEASURED);
    }

    /**
     * Returns the word every figure of this meter carries.
     *
     * @return {@code measured} only when every source is a sensor, else {@code modelled}
     */
    String kind() {
        return EnergyKind.of(sources.stream().map(EnergySource::method).toList());
    }
}
