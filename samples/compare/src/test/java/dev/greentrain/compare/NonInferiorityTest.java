package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.compare.NonInferiority.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NonInferiorityTest {

    private static final NonInferiority MARGIN = new NonInferiority(0.3);

    @ParameterizedTest(name = "[{0}, {1}] -> {2}")
    @CsvSource({
        "0.05, 0.40, SUPERIOR",
        "-0.20, 0.50, NON_INFERIOR",
        // worse than the baseline for sure, but by less than the margin
        "-0.25, -0.05, NON_INFERIOR",
        "-0.50, 0.10, INCONCLUSIVE",
        // the lower end on the margin itself is not above it
        "-0.30, 0.10, INCONCLUSIVE",
        "-0.90, -0.40, INFERIOR",
        "-0.90, -0.30, INCONCLUSIVE"
    })
    void theIntervalsPlaceAgainstTheMarginDecides(double low, double high, Outcome expected) {
        assertEquals(expected, MARGIN.judge(new MeanInterval((low + high) / 2, low, high, 3)));
    }

    @Test
    void oneSeedIsInconclusive() {
        assertEquals(Outcome.INCONCLUSIVE, MARGIN.judge(MeanInterval.of(5.0)));
    }

    @Test
    void handComputedStudentIntervalAgainstTwoMargins() {
        // differences -0.1, -0.2, -0.3 pp: mean -0.2, sd 0.1, t(0.975, 2) = 4.302653,
        // half width 4.302653 * 0.1 / sqrt(3) = 0.248414: interval -0.448414..+0.048414
        MeanInterval difference = MeanInterval.of(-0.1, -0.2, -0.3);
        assertEquals(-0.448414, difference.low(), 1e-6);
        assertEquals(0.048414, difference.high(), 1e-6);
        assertEquals(Outcome.INCONCLUSIVE, MARGIN.judge(difference));
        assertEquals(Outcome.NON_INFERIOR, new NonInferiority(0.5).judge(difference));
        assertEquals(
                Outcome.INFERIOR, new NonInferiority(0.04).judge(MeanInterval.of(-1, -1.1, -0.9)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.3, Double.NaN, Double.POSITIVE_INFINITY})
    void aMarginThatIsNotPositiveAndFiniteIsRefused(double margin) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new NonInferiority(margin));
        assertTrue(e.getMessage().contains("margin " + margin + " is invalid"), e.getMessage());
    }
}
