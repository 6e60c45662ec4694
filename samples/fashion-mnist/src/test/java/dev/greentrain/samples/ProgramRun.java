package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sample program run as its own process from the packaged jar, with standard output and error in
 * files (not a terminal), as a CI job or a log sees it.
 *
 * @param exitCode the process's exit code
 * @param stdout what it printed on standard output
 * @param stderr what it printed on standard error (where slf4j-simple logs)
 */
record ProgramRun(int exitCode, String stdout, String stderr) {

    /**
     * Runs a main class of this module with the jar and dependencies Maven packaged.
     *
     * @param dir where the output files go
     * @param mainClass the program
     * @param args its arguments
     * @return what it printed and its exit code
     * @throws Exception if the process cannot be started or is interrupted
     */
    static ProgramRun of(Path dir, Class<?> mainClass, String... args) throws Exception {
        Path out = dir.resolve(mainClass.getSimpleName() + ".stdout");
        Path err = dir.resolve(mainClass.getSimpleName() + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-cp");
        command.add("target/greentrain-fashion-mnist.jar" + File.pathSeparator + "target/lib/*");
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), mainClass.getSimpleName() + " ended");
        ProgramRun run =
                new ProgramRun(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
        System.out.print(run.stdout());
        System.out.print(run.stderr());
        return run;
    }
}
