package dev.greentrain.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * A sample program run in the test's JVM: its exit code, what it printed and its error output.
 *
 * @param code the exit code
 * @param out what the program printed on standard output
 * @param err the command line's error output
 */
record InProcessRun(int code, String out, String err) {

    /**
     * Runs a program's command line, capturing standard output (and echoing it for the test log).
     *
     * @param command makes the program's command line
     * @param args the arguments
     * @return the run
     */
    static InProcessRun of(Supplier<CommandLine> command, String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            // built after System.out is replaced: picocli's own output (help, version) goes to
            // the System.out of the moment its command line is made
            code = command.get().setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return new InProcessRun(code, printed, err.toString());
    }
}
