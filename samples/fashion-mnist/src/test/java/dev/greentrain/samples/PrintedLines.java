package dev.greentrain.samples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a program running on another thread prints, watched line by line: a test waits for the first
 * line that matches a pattern (e.g. the metrics URL).
 */
final class PrintedLines extends OutputStream {

    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final List<Watch> watches = new ArrayList<>();

    private record Watch(Pattern pattern, CompletableFuture<String> found) {}

    /**
     * Returns the first match of a pattern in what is printed, once a line ends it.
     *
     * @param pattern the pattern; its first group, if it has one, is the value
     * @return completes with the first group (or the whole match)
     */
    synchronized CompletableFuture<String> first(Pattern pattern) {
        Watch watch = new Watch(pattern, new CompletableFuture<>());
        watches.add(watch);
        check(watch);
        return watch.found();
    }

    @Override
    public synchronized void write(int b) {
        all.write(b);
        if (b == '\n') {
            watches.forEach(this::check);
        }
    }

    private void check(Watch watch) {
        if (watch.found().isDone()) {
            return;
        }
        Matcher found = watch.pattern().matcher(toString());
        if (found.find()) {
            watch.found().complete(found.groupCount() > 0 ? found.group(1) : found.group());
        }
    }

    @Override
    public synchronized String toString() {
        return all.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
