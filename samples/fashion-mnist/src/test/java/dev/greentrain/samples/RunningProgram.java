package dev.greentrain.samples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A sample program running in the test's JVM on its own thread, its standard output watched line by
 * line, so that a test can talk to it (e.g. scrape its endpoint) while it runs; closing it restores
 * standard output, echoes what it printed and stops the thread.
 */
final class RunningProgram implements AutoCloseable {

    /** The line the metrics set-up prints when the endpoint serves; its group is the URL. */
    static final Pattern METRICS_URL = Pattern.compile("Metrics: (http://\\S+)");

    private static final long MINUTES = 5;

    private final PrintStream original = System.out;
    private final PrintedLines printed = new PrintedLines();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<Integer> exit;

    private RunningProgram(Supplier<CommandLine> command, String... args) {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        exit = thread.submit(() -> command.get().execute(args));
    }

    /**
     * Starts a program's command line on its own thread.
     *
     * @param command makes the program's command line
     * @param args the arguments
     * @return the running program
     */
    static RunningProgram start(Supplier<CommandLine> command, String... args) {
        return new RunningProgram(command, args);
    }

    /**
     * Waits (at most 5 minutes) for the first printed match of a pattern.
     *
     * @param pattern the pattern; its first group, if it has one, is the value
     * @return the first group (or the whole match)
     * @throws Exception if the wait fails or times out
     */
    String awaitPrinted(Pattern pattern) throws Exception {
        return printed.first(pattern).get(MINUTES, TimeUnit.MINUTES);
    }

    /**
     * Waits (at most 5 minutes) for the program to end.
     *
     * @return its exit code
     * @throws Exception if the wait fails or times out
     */
    int exitCode() throws Exception {
        return exit.get(MINUTES, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        System.setOut(original);
        original.print(printed);
        thread.shutdownNow();
    }
}
