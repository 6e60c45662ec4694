package dev.greentrain.reduction;

/** The one rule for a kept fraction: its range and the count it keeps of n samples. */
public final class Fraction {

    private Fraction() {}

    /**
     * Checks a fraction before any work.
     *
     * @param fraction the fraction p
     * @return the fraction
     * @throws IllegalArgumentException unless p is in (0, 1]
     */
    public static double check(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(
                    "Fraction p = "
                            + fraction
                            + " is invalid: a reduction keeps a fraction p in (0, 1], e.g. 0.5 to"
                            + " keep half of every class.");
        }
        return fraction;
    }

    /**
     * Returns {@code floor(p * n)}, with a tolerance of 1e-9 so that e.g. 0.29 * 100 keeps 29 and
     * not the 28 that binary rounding of 28.999999999999996 gives.
     *
     * @param fraction the fraction p, in (0, 1]
     * @param n the number of samples
     * @return the kept count
     */
    public static int of(double fraction, int n) {
        return (int) Math.floor(fraction * n + 1e-9);
    }
}
