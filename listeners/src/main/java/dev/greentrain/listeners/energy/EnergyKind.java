package dev.greentrain.listeners.energy;

import java.util.Collection;
import java.util.Set;

/**
 * Whether an energy figure was measured by a sensor (RAPL, NVML) or modelled (CPU time x TDP,
 * memory size x power): the one place that decides which word a figure carries.
 */
public final class EnergyKind {

    /** The word for figures read from a sensor. */
    public static final String MEASURED = "measured";

    /** The word for figures computed by a model. */
    public static final String MODELLED = "modelled";

    private static final Set<String> SENSORS = Set.of("rapl", "nvml");

    private EnergyKind() {}

    /**
     * Returns whether a source's method is a sensor.
     *
     * @param method a source's {@link EnergySource#method()}, e.g. {@code rapl} or {@code
     *     cpu-model}
     * @return {@code true} for {@code rapl} and {@code nvml} only
     */
    public static boolean isMeasured(String method) {
        return SENSORS.contains(method);
    }

    /**
     * Returns the word for a total over sources: measured only when every source is a sensor.
     *
     * @param methods the sources' methods
     * @return {@link #MEASURED} or {@link #MODELLED}
     */
    public static String of(Collection<String> methods) {
        return !methods.isEmpty() && methods.stream().allMatch(EnergyKind::isMeasured)
                ? MEASURED
                : MODELLED;
    }
}
