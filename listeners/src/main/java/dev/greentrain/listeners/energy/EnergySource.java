package dev.greentrain.listeners.energy;

/**
 * One source of energy figures for a hardware component: a measurement (RAPL, NVML) or a model (CPU
 * and memory power models).
 */
public interface EnergySource {

    /**
     * Returns the component the energy is for.
     *
     * @return e.g. {@code cpu}, {@code gpu} or {@code ram}
     */
    String component();

    /**
     * Returns how the figure is obtained, so that a measurement can be told from an estimate.
     *
     * @return {@code rapl}, {@code nvml}, {@code cpu-model}, {@code ram-model} or {@code
     *     ram-model-heap} (the memory model without a resident set size)
     */
    String method();

    /**
     * Returns the energy used since the source was created; called by one thread at a time.
     *
     * @return joules, never decreasing
     */
    double joules();
}
