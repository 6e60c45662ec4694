package dev.greentrain.compare;

import java.util.Locale;

/**
 * Judges a paired difference (arm minus baseline, over seeds) against a non-inferiority margin, by
 * where its 95% interval lies (CONSORT's rule): entirely above zero is superior, entirely above the
 * margin's negative is non-inferior, entirely below it is inferior, and an interval that straddles
 * it is inconclusive.
 *
 * @param margin how much worse the arm may be and still count as non-inferior, in the unit of the
 *     difference (percentage points of accuracy, say); greater than 0
 */
public record NonInferiority(double margin) {

    /** The default margin for accuracy: 0.3 percentage points. */
    public static final double DEFAULT_ACCURACY_MARGIN_PP = 0.3;

    /** What an interval says about an arm. */
    public enum Outcome {
        /** The whole interval is above zero: the arm is better. */
        SUPERIOR("superior"),
        /** The whole interval is above minus the margin: the arm is at worst slightly worse. */
        NON_INFERIOR("non-inferior"),
        /**
         * The whole interval is below minus the margin: the arm is worse than the margin allows.
         */
        INFERIOR("inferior"),
        /** The interval straddles minus the margin, or there is no interval (one seed). */
        INCONCLUSIVE("inconclusive");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        /**
         * Returns the word the report prints.
         *
         * @return e.g. {@code non-inferior}
         */
        public String word() {
            return word;
        }
    }

    /** Checks the margin: finite and greater than 0. */
    public NonInferiority {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException(
                    "Non-inferiority margin "
                            + margin
                            + " is invalid: it must be a finite number greater than 0, e.g. "
                            + DEFAULT_ACCURACY_MARGIN_PP
                            + " (percentage points of accuracy).");
        }
    }

    /**
     * Judges a difference where higher is better (e.g. accuracy, arm minus baseline).
     *
     * @param difference the mean paired difference with its 95% interval
     * @return the outcome; {@link Outcome#INCONCLUSIVE} without an interval
     */
    public Outcome judge(MeanInterval difference) {
        if (!difference.hasInterval()) {
            return Outcome.INCONCLUSIVE;
        }
        if (difference.low() > 0) {
            return Outcome.SUPERIOR;
        }
        if (difference.low() > -margin) {
            return Outcome.NON_INFERIOR;
        }
        if (difference.high() < -margin) {
            return Outcome.INFERIOR;
        }
        return Outcome.INCONCLUSIVE;
    }

    /**
     * Returns the margin as the report prints it.
     *
     * @param unit the difference's unit, e.g. {@code pp}
     * @return e.g. {@code a margin of 0.3 pp}
     */
    public String describe(String unit) {
        return String.format(Locale.ROOT, "a margin of %s %s", margin, unit);
    }
}
