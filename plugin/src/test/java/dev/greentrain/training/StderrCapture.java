package dev.greentrain.training;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what is written to System.err (where slf4j-simple logs) while open. */
final class StderrCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    StderrCapture() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** Returns how many times the text occurs in what was captured so far. */
    int count(String text) {
        String all = bytes.toString(StandardCharsets.UTF_8);
        int count = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    /** Returns everything captured so far. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
        original.print(text());
    }
}
