package dev.greentrain.listeners.energy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a training run used and what pruning saved, at the end of training.
 *
 * @param duration the wall time measured
 * @param components the energy of each component and how it was obtained
 * @param phases the energy of each phase (method, train, evaluate), over all components
 * @param joules the total energy
 * @param grams the emissions, CO2-equivalents
 * @param carbon the carbon intensity and PUE used
 * @param samplesSaved the forward (and backward) passes pruning saved, net of the method's own
 * @param savedJoules the energy saved, an estimate: the train phase's energy per trained sample of
 *     each epoch times the samples that epoch skipped, net of the method's forward passes
 * @param savedGrams the emissions saved, an estimate
 */
public record EnergyReport(
        Duration duration,
        List<ComponentEnergy> components,
        Map<EnergyPhase, Double> phases,
        double joules,
        double grams,
        CarbonIntensity carbon,
        long samplesSaved,
        double savedJoules,
        double savedGrams) {

    /** Copies the collections. */
    public EnergyReport {
        components = List.copyOf(components);
        phases = Map.copyOf(phases);
    }

    /**
     * The energy of one component.
     *
     * @param component e.g. {@code cpu}
     * @param method how it was obtained, e.g. {@code cpu-model}
     * @param joules the energy
     */
    public record ComponentEnergy(String component, String method, double joules) {

        /**
         * Returns whether the figure was measured or modelled.
         *
         * @return {@code measured} (RAPL, NVML) or {@code modelled}
         */
        public String kind() {
            return EnergyKind.isMeasured(method) ? EnergyKind.MEASURED : EnergyKind.MODELLED;
        }
    }

    /**
     * Returns whether the total was measured (every component by a sensor) or modelled.
     *
     * @return {@code measured} or {@code modelled}
     */
    public String kind() {
        return EnergyKind.of(components.stream().map(ComponentEnergy::method).toList());
    }

    /**
     * Returns the report as the lines logged at the end of training.
     *
     * @return a human-readable summary
     */
    public String describe() {
        String kind = kind();
        StringBuilder text =
                new StringBuilder(
                        String.format(
                                "Energy (%s): %.1f J (%.4f kWh) in %.1f s, %.3f gCO2e at %.0f"
                                        + " gCO2e/kWh (%s), PUE %.2f",
                                kind,
                                joules,
                                joules / 3.6e6,
                                duration.toMillis() / 1000.0,
                                grams,
                                carbon.gramsPerKwh(),
                                carbon.source(),
                                carbon.pue()));
        for (ComponentEnergy c : components) {
            text.append(
                    String.format(
                            "%n  %s (%s, %s): %.1f J",
                            c.component(), c.kind(), c.method(), c.joules()));
        }
        text.append(String.format("%n  by phase (%s):", kind));
        for (EnergyPhase phase : EnergyPhase.values()) {
            text.append(String.format(" %s %.1f J", phase.tag(), phases.getOrDefault(phase, 0.0)));
        }
        text.append(
                String.format(
                        "%nSaved by pruning (estimate from %s energy): %,d forward and backward"
                                + " passes, %.1f J, %.3f gCO2e",
                        kind, samplesSaved, savedJoules, savedGrams));
        return text.toString();
    }
}
