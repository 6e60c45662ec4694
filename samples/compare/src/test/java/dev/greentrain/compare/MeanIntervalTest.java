package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    @Test
    void threeValuesGiveTheStudentTInterval() {
        // mean 2, sample sd 1, t(0.975, 2 df) = 4.302653
        MeanInterval interval = MeanInterval.of(1, 2, 3);
        assertEquals(2, interval.mean(), 1e-12);
        double halfWidth = 4.302653 / Math.sqrt(3);
        assertEquals(2 - halfWidth, interval.low(), 1e-5);
        assertEquals(2 + halfWidth, interval.high(), 1e-5);
        assertTrue(interval.hasInterval());
    }

    @Test
    void oneValueHasNoInterval() {
        MeanInterval interval = MeanInterval.of(0.4);
        assertEquals(0.4, interval.mean());
        assertFalse(interval.hasInterval());
        assertTrue(Double.isNaN(interval.low()));
    }

    @Test
    void noValueIsRefused() {
        assertThrows(IllegalArgumentException.class, MeanInterval::of);
    }
}
