package dev.greentrain.listeners.export;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Captures the warnings and errors logged while it is open, through java.util.logging (the JDK's
 * and the Prometheus client's) and through SLF4J's simple binding (ours and Jetty's), which writes
 * to {@code System.err}.
 */
final class LogCapture implements AutoCloseable {

    private final List<String> julWarnings = new ArrayList<>();
    private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    private final Handler handler =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                        synchronized (julWarnings) {
                            julWarnings.add(record.getLevel() + " " + record.getMessage());
                        }
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    LogCapture() {
        root.addHandler(handler);
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /**
     * Returns the warnings and errors logged so far.
     *
     * @return one line per warning or error
     */
    List<String> warnings() {
        List<String> warnings;
        synchronized (julWarnings) {
            warnings = new ArrayList<>(julWarnings);
        }
        for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                warnings.add(line);
            }
        }
        return warnings;
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        System.setErr(originalErr);
        originalErr.print(err.toString(StandardCharsets.UTF_8));
    }
}
