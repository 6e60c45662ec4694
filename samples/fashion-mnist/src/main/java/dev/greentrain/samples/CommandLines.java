package dev.greentrain.samples;

import java.io.IOException;
import picocli.CommandLine;

/** Builds the command lines of the sample programs, which share how they treat bad input. */
final class CommandLines {

    private CommandLines() {}

    /**
     * Returns a program's command line: enum values in any case, and bad input (missing data, bad
     * settings) printed as one clear line with exit code 2 instead of a stack trace.
     *
     * @param program the picocli command object
     * @return the command line, ready to execute
     */
    static CommandLine of(Object program) {
        return new CommandLine(program)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(CommandLines::reportInputError);
    }

    private static int reportInputError(
            Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            command.getErr().println("error: " + e.getMessage());
            return 2;
        }
        throw e;
    }
}
