package dev.greentrain.listeners.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The carbon intensity of the electricity used and the data centre's PUE: emissions (g) = energy
 * (kWh) x PUE x intensity (gCO2e/kWh).
 *
 * <p>The intensity is the value set, else the bundled 2023 figure of a country (Our World in Data,
 * data from Ember and the Energy Institute), else the world average, 475 gCO2e/kWh (IEA 2019).
 *
 * @param gramsPerKwh the carbon intensity in gCO2e per kWh
 * @param pue the power usage effectiveness, at least 1
 * @param source where the intensity comes from, e.g. {@code OWID 2023: FR}
 */
public record CarbonIntensity(double gramsPerKwh, double pue, String source) {

    /** The world average carbon intensity used when nothing else is known (IEA 2019). */
    public static final double WORLD_AVERAGE = 475;

    private static final double JOULES_PER_KWH = 3.6e6;
    private static final Map<String, Double> COUNTRIES = loadCountries();

    /** Checks the values: intensity >= 0 and PUE >= 1, both finite. */
    public CarbonIntensity {
        if (!(gramsPerKwh >= 0) || Double.isInfinite(gramsPerKwh)) {
            throw new IllegalArgumentException(
                    "Carbon intensity "
                            + gramsPerKwh
                            + " gCO2e/kWh is invalid: it must be a finite number >= 0 (the world"
                            + " average is 475).");
        }
        if (!(pue >= 1) || Double.isInfinite(pue)) {
            throw new IllegalArgumentException(
                    "PUE "
                            + pue
                            + " is invalid: power usage effectiveness is total facility power"
                            + " over IT power, so it is >= 1 (1.0 for a machine with no overhead,"
                            + " about 1.1-1.6 in data centres).");
        }
    }

    /**
     * Returns the world average intensity with PUE 1.
     *
     * @return the default
     */
    public static CarbonIntensity worldAverage() {
        return new CarbonIntensity(WORLD_AVERAGE, 1.0, "world average (IEA 2019)");
    }

    /**
     * Returns the bundled 2023 intensity of a country.
     *
     * @param countryCode an ISO 3166 code, two or three letters, e.g. {@code FR} or {@code FRA}
     * @param pue the power usage effectiveness
     * @return the intensity
     * @throws IllegalArgumentException naming the code when it is unknown or not in the table
     */
    public static CarbonIntensity ofCountry(String countryCode, double pue) {
        String iso2 = toIso2(countryCode);
        Double grams = COUNTRIES.get(iso2);
        if (grams == null) {
            throw new IllegalArgumentException(
                    "Country code \""
                            + countryCode
                            + "\" is not in the bundled carbon-intensity table (OWID 2023), which"
                            + " has "
                            + String.join(", ", COUNTRIES.keySet())
                            + "; set the intensity of your grid explicitly (gCO2e/kWh) instead.");
        }
        return new CarbonIntensity(grams, pue, "OWID 2023: " + iso2);
    }

    /**
     * Returns the emissions of an amount of energy.
     *
     * @param joules the energy
     * @return grams of CO2-equivalents
     */
    public double grams(double joules) {
        return joules / JOULES_PER_KWH * pue * gramsPerKwh;
    }

    private static String toIso2(String code) {
        String upper = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (upper.length() == 3) {
            for (String iso2 : Locale.getISOCountries()) {
                if (new Locale("", iso2).getISO3Country().equals(upper)) {
                    return iso2;
                }
            }
        }
        return upper;
    }

    private static Map<String, Double> loadCountries() {
        Map<String, Double> countries = new TreeMap<>();
        try (InputStream in =
                        CarbonIntensity.class.getResourceAsStream(
                                "carbon-intensity-owid-2023.csv");
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",");
                countries.put(fields[0], Double.parseDouble(fields[fields.length - 1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return countries;
    }
}
