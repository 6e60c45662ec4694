package dev.greentrain.samples;

import dev.greentrain.listeners.export.ExportSettings;
import java.time.Duration;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * The metrics export options the sample commands share (an argument group): endpoint, Pushgateway,
 * run id and linger; unset ones fall back to the export settings of the system properties and
 * environment, credentials included.
 */
final class MetricsOptions {

    /** The heading of the group in the help. */
    static final String HEADING =
            "%nMetrics export (unset options fall back to the greentrain.* system"
                    + " properties, then the GREENTRAIN_* environment variables):%n";

    @Option(
            paramLabel = "<port>",
            names = "--metrics-port",
            description =
                    "Serve Prometheus metrics on this port (0 = any free port); default: none,"
                            + " or GREENTRAIN_METRICS_PORT.")
    Integer metricsPort;

    @Option(
            paramLabel = "<address>",
            names = "--metrics-host",
            description = "Address the metrics endpoint binds (default: 127.0.0.1).")
    String metricsHost;

    @Option(
            paramLabel = "<host:port>",
            names = "--pushgateway",
            description =
                    "Push metrics to this Pushgateway (host:port); default: none, or"
                            + " GREENTRAIN_PUSHGATEWAY.")
    String pushgateway;

    @Option(
            paramLabel = "<seconds>",
            names = "--push-interval",
            description = "Seconds between pushes, 0 = only at the end (default: 15).")
    Integer pushInterval;

    @Option(
            paramLabel = "<seconds>",
            names = "--linger",
            description =
                    "Seconds to keep serving metrics after the run (default: ${DEFAULT-VALUE}).")
    int lingerSeconds = 0;

    @Option(
            paramLabel = "<prefix>",
            names = "--run",
            description =
                    "Run id prefix for the metrics; each run is <prefix>-<variant>-seed<seed>"
                            + " (default: greentrain).")
    String run;

    /** Refuses bad values before any work starts, naming the flag as typed. */
    void validate() {
        OptionCheck.require(
                metricsPort == null || (metricsPort >= 0 && metricsPort <= 65535),
                "--metrics-port",
                metricsPort,
                "in 0..65535 (0 picks a free port)");
        OptionCheck.require(
                pushInterval == null || pushInterval >= 0,
                "--push-interval",
                pushInterval,
                "a whole number of seconds >= 0 (0 pushes only at the end)");
        OptionCheck.require(
                lingerSeconds >= 0,
                "--linger",
                lingerSeconds,
                "a whole number of seconds >= 0 (0 stops serving when the run ends)");
    }

    /**
     * Returns the export settings: the system properties' and environment's (credentials included),
     * overridden by the options given.
     *
     * @return the settings every endpoint and publisher starts from
     * @throws IllegalArgumentException naming the option whose value is refused
     */
    ExportSettings exportSettings() {
        ExportSettings export = ExportSettings.fromEnvironment();
        export = override(export, "--metrics-port", metricsPort, ExportSettings::withPort);
        export = override(export, "--metrics-host", metricsHost, ExportSettings::withHost);
        export = override(export, "--pushgateway", pushgateway, ExportSettings::withPushgateway);
        export =
                override(
                        export,
                        "--push-interval",
                        pushInterval,
                        (settings, seconds) ->
                                settings.withPushInterval(Duration.ofSeconds(seconds)));
        return override(export, "--run", run, ExportSettings::withRun);
    }

    /** Returns how long to keep serving after the run. */
    Duration linger() {
        return Duration.ofSeconds(lingerSeconds);
    }

    /** Applies one option when it was given, naming it when its value is refused. */
    private static <T> ExportSettings override(
            ExportSettings settings,
            String option,
            T value,
            BiFunction<ExportSettings, T, ExportSettings> with) {
        if (value == null) {
            return settings;
        }
        try {
            return with.apply(settings, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
        }
    }
}
