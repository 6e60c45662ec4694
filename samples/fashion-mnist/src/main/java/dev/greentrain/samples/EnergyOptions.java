package dev.greentrain.samples;

import dev.greentrain.listeners.energy.CarbonIntensity;
import dev.greentrain.listeners.energy.CpuModelEnergySource;
import picocli.CommandLine.Option;

/**
 * The energy and CO2 options the sample commands share (an argument group): carbon intensity,
 * country, PUE and the CPU model's TDP.
 */
final class EnergyOptions {

    /** The heading of the group in the help. */
    static final String HEADING = "%nEnergy and CO2:%n";

    @Option(
            paramLabel = "<g/kWh>",
            names = "--carbon-intensity",
            description =
                    "Grid carbon intensity in gCO2e/kWh (default: the --country figure, else"
                            + " the world average 475).")
    Double carbonIntensity;

    @Option(
            paramLabel = "<code>",
            names = "--country",
            description = "ISO country code for the bundled 2023 carbon intensity, e.g. FR.")
    String country;

    @Option(
            paramLabel = "<pue>",
            names = "--pue",
            description = "Power usage effectiveness (default: ${DEFAULT-VALUE}).")
    double pue = 1.0;

    @Option(
            paramLabel = "<watts>",
            names = "--cpu-tdp",
            description = "CPU TDP in watts for the CPU energy model (default: 4 W per CPU).")
    Double cpuTdp;

    /** Refuses bad values before any work starts, naming the flag as typed. */
    void validate() {
        OptionCheck.require(
                carbonIntensity == null
                        || (carbonIntensity >= 0 && Double.isFinite(carbonIntensity)),
                "--carbon-intensity",
                carbonIntensity,
                "a finite number of gCO2e/kWh >= 0 (the world average is 475)");
        OptionCheck.require(
                pue >= 1 && Double.isFinite(pue),
                "--pue",
                pue,
                "a finite number >= 1 (1.0 for a machine with no overhead, about 1.1-1.6 in data"
                        + " centres)");
        OptionCheck.require(
                cpuTdp == null || (cpuTdp > 0 && Double.isFinite(cpuTdp)),
                "--cpu-tdp",
                cpuTdp,
                "a finite number of watts greater than 0, e.g. 65 (the CPU's rated TDP)");
    }

    /**
     * Returns the carbon intensity: the value given, else the country's, else the world average.
     */
    CarbonIntensity carbon() {
        if (carbonIntensity != null) {
            return new CarbonIntensity(carbonIntensity, pue, "--carbon-intensity");
        }
        if (country != null) {
            return CarbonIntensity.ofCountry(country, pue);
        }
        CarbonIntensity world = CarbonIntensity.worldAverage();
        return new CarbonIntensity(world.gramsPerKwh(), pue, world.source());
    }

    /** Returns the CPU model's TDP: the value given, else 4 W per logical CPU of the host. */
    double cpuTdpWatts() {
        return cpuTdp != null ? cpuTdp : CpuModelEnergySource.defaultTdpWatts();
    }
}
