package dev.greentrain.training;

/**
 * DJL's progress bars only on a terminal: while a fit runs and the output is not a terminal ({@code
 * System.console() == null}, e.g. a log file or a CI job), DJL's {@code ProgressBar} is switched
 * off through its {@code disableProgressBar} system property, so a log gets no progress-bar frames
 * (which redraw themselves with carriage returns on a terminal but pile up in a file).
 *
 * <p>Nothing changes on a terminal, or when the user already chose: the property or DJL's {@code
 * DJL_DISABLE_PROGRESS_BAR} (environment or property) is set. Fits on several threads share one
 * switch: the property is cleared when the last of them ends.
 */
final class TerminalProgress implements AutoCloseable {

    /** DJL's system property read when a {@code ProgressBar} is created. */
    static final String DISABLE_PROPERTY = "disableProgressBar";

    private static final String DJL_SETTING = "DJL_DISABLE_PROGRESS_BAR";

    private static int running;
    private static boolean disabledHere;

    private TerminalProgress() {}

    /**
     * Switches DJL's progress bars off for the length of a fit when the output is not a terminal.
     *
     * @return the switch, to close when the fit ends
     */
    static synchronized TerminalProgress begin() {
        if (running == 0
                && System.console() == null
                && System.getProperty(DISABLE_PROPERTY) == null
                && System.getProperty(DJL_SETTING) == null
                && System.getenv(DJL_SETTING) == null) {
            System.setProperty(DISABLE_PROPERTY, "true");
            disabledHere = true;
        }
        running++;
        return new TerminalProgress();
    }

    /** Ends the fit; the last one to end restores the property it set. */
    @Override
    public void close() {
        synchronized (TerminalProgress.class) {
            running--;
            if (running == 0 && disabledHere) {
                System.clearProperty(DISABLE_PROPERTY);
                disabledHere = false;
            }
        }
    }
}
