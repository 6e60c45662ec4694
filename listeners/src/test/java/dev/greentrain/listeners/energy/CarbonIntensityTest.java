package dev.greentrain.listeners.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CarbonIntensityTest {

    @Test
    void emissionsAreEnergyTimesPueTimesIntensity() {
        CarbonIntensity carbon = new CarbonIntensity(400, 1.5, "user");
        // 7.2 MJ = 2 kWh; 2 kWh x 1.5 x 400 g/kWh = 1200 g
        assertEquals(1200, carbon.grams(7.2e6), 1e-9);
        assertEquals(0, carbon.grams(0));
    }

    @Test
    void countriesComeFromTheBundledTable() {
        assertEquals(56, CarbonIntensity.ofCountry("FR", 1).gramsPerKwh());
        assertEquals(381, CarbonIntensity.ofCountry("deu", 1).gramsPerKwh(), "ISO alpha-3");
        assertEquals(370, CarbonIntensity.ofCountry("US", 1.2).gramsPerKwh());
        assertEquals("OWID 2023: FR", CarbonIntensity.ofCountry("fr", 1).source());
        assertEquals(475, CarbonIntensity.worldAverage().gramsPerKwh());
        assertEquals(1.0, CarbonIntensity.worldAverage().pue());
    }

    @Test
    void badSettingsGiveClearErrors() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new CarbonIntensity(-5, 1, "x"));
        assertTrue(e.getMessage().contains("-5.0 gCO2e/kWh is invalid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CarbonIntensity(100, 0.9, "x"));
        assertTrue(e.getMessage().contains("PUE 0.9 is invalid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CarbonIntensity.ofCountry("XX", 1));
        assertTrue(e.getMessage().contains("\"XX\""), e.getMessage());
        assertTrue(e.getMessage().contains("set the intensity"), e.getMessage());
    }
}
