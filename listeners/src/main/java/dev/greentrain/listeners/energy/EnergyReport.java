package dev.greentrain.listeners.energy;

import java.time.Duration;
import java.util.List;

/**
 * What a training run used and what pruning saved, at the end of training.
 *
 * @param duration the wall time measured
 * @param components the energy of each component and how it was obtained
 * @param joules the total energy
 * @param grams the emissions, CO2-equivalents
 * @param carbon the carbon intensity and PUE used
 * @param samplesSaved the forward (and backward) passes pruning saved
 * @param savedJoules the energy saved, an estimate: energy per trained sample of each epoch times
 *     the samples that epoch skipped
 * @param savedGrams the emissions saved, an estimate
 */
public record EnergyReport(
        Duration duration,
        List<ComponentEnergy> components,
        double joules,
        double grams,
        CarbonIntensity carbon,
        long samplesSaved,
        double savedJoules,
        double savedGrams) {

    /**
     * The energy of one component.
     *
     * @param component e.g. {@code cpu}
     * @param method how it was obtained, e.g. {@code cpu-model}
     * @param joules the energy
     */
    public record ComponentEnergy(String component, String method, double joules) {}

    /**
     * Returns the report as the lines logged at the end of training.
     *
     * @return a human-readable summary
     */
    public String describe() {
        StringBuilder text =
                new StringBuilder(
                        String.format(
                                "Energy: %.1f J (%.4f kWh) in %.1f s, %.3f gCO2e at %.0f gCO2e/kWh"
                                        + " (%s), PUE %.2f",
                                joules,
                                joules / 3.6e6,
                                duration.toMillis() / 1000.0,
                                grams,
                                carbon.gramsPerKwh(),
                                carbon.source(),
                                carbon.pue()));
        for (ComponentEnergy c : components) {
            text.append(
                    String.format("%n  %s (%s): %.1f J", c.component(), c.method(), c.joules()));
        }
        text.append(
                String.format(
                        "%nSaved by pruning (estimate): %,d forward and backward passes, %.1f J,"
                                + " %.3f gCO2e",
                        samplesSaved, savedJoules, savedGrams));
        return text.toString();
    }
}
