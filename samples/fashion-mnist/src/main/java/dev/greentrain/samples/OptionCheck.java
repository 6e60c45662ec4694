package dev.greentrain.samples;

/**
 * Refuses a command-line option's value with a message that names the flag as the user typed it.
 */
final class OptionCheck {

    private OptionCheck() {}

    /**
     * Refuses a value unless it is valid.
     *
     * @param valid whether the value is acceptable
     * @param flag the flag, e.g. {@code --epochs}
     * @param value the value given
     * @param expected what the value must be, e.g. {@code at least 1}
     * @throws IllegalArgumentException saying {@code --flag value is invalid: it must be ...}
     */
    static void require(boolean valid, String flag, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(
                    flag + " " + value + " is invalid: it must be " + expected + ".");
        }
    }
}
