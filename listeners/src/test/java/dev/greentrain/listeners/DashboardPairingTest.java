package dev.greentrain.listeners;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards' totals and the A/B table on hand-made series that went stale long before the
 * query, evaluated by {@code promtool test rules}: two run prefixes, two seeds, a hyphenated
 * variant, a method that spends forward passes of its own, and a pair still in progress.
 */
@Tag("integration")
class DashboardPairingTest {

    /** Runs of two comparisons ({@code fm} and {@code my-exp}) and their final values. */
    private static final String SERIES =
            String.join(
                    "\n",
                    series("energy_all_joules_total", "fm-baseline-seed1", "baseline", 128),
                    series("energy_all_joules_total", "fm-infobatch-seed1", "infobatch", 96),
                    series(
                            "energy_all_joules_total",
                            "fm-random-budget-seed1",
                            "random-budget",
                            64),
                    series("energy_all_joules_total", "fm-baseline-seed2", "baseline", 200),
                    series("energy_all_joules_total", "fm-infobatch-seed2", "infobatch", 150),
                    series("energy_all_joules_total", "my-exp-baseline-seed1", "baseline", 1000),
                    series("energy_all_joules_total", "my-exp-infobatch-seed1", "infobatch", 875),
                    // seed 3 is still training: its pair is left out until both runs end
                    series("energy_all_joules_total", "fm-baseline-seed3", "baseline", 10),
                    series("energy_all_joules_total", "fm-infobatch-seed3", "infobatch", 5),
                    progress("fm-baseline-seed3", "baseline", 1),
                    progress("fm-infobatch-seed3", "infobatch", 1),
                    progress("fm-baseline-seed1", "baseline", 3),
                    progress("fm-infobatch-seed1", "infobatch", 3),
                    progress("fm-random-budget-seed1", "random-budget", 3),
                    progress("fm-baseline-seed2", "baseline", 3),
                    progress("fm-infobatch-seed2", "infobatch", 3),
                    progress("my-exp-baseline-seed1", "baseline", 3),
                    progress("my-exp-infobatch-seed1", "infobatch", 3),
                    accuracy("fm-baseline-seed1", "baseline", 0.75),
                    accuracy("fm-infobatch-seed1", "infobatch", 0.5),
                    accuracy("fm-random-budget-seed1", "random-budget", 0.625),
                    accuracy("fm-baseline-seed2", "baseline", 0.5),
                    accuracy("fm-infobatch-seed2", "infobatch", 0.75),
                    accuracy("my-exp-baseline-seed1", "baseline", 0.25),
                    accuracy("my-exp-infobatch-seed1", "infobatch", 0.375),
                    series("forward_passes_saved_total", "fm-infobatch-seed1", "infobatch", 400),
                    series("sampler_forward_passes_total", "fm-infobatch-seed1", "infobatch", 0),
                    series(
                            "forward_passes_saved_total",
                            "fm-random-budget-seed1",
                            "random-budget",
                            500),
                    series(
                            "sampler_forward_passes_total",
                            "fm-random-budget-seed1",
                            "random-budget",
                            100),
                    series("forward_passes_saved_total", "fm-infobatch-seed2", "infobatch", 300),
                    series("sampler_forward_passes_total", "fm-infobatch-seed2", "infobatch", 0),
                    series(
                            "forward_passes_saved_total",
                            "my-exp-infobatch-seed1",
                            "infobatch",
                            200),
                    series(
                            "sampler_forward_passes_total",
                            "my-exp-infobatch-seed1",
                            "infobatch",
                            0));

    @TempDir Path dir;

    @Test
    void totalsAndTheTablePairEachArmWithItsOwnSeedsBaselineAfterTheSeriesWentStale()
            throws Exception {
        PrometheusServers.requireInstalled(PrometheusServers.PROMTOOL, "prometheus");
        String tests =
                "tests:\n"
                        + "  - interval: 1m\n"
                        + "    input_series:\n"
                        + SERIES
                        + "\n    promql_expr_test:\n"
                        // the series are stale: an instant query at "now" finds nothing
                        + expect("greentrain_energy_all_joules_total", Map.of())
                        + expect(
                                query(
                                        "greentrain-savings.json",
                                        "Forward passes saved, net of method passes",
                                        "A"),
                                // 400 + (500 - 100) + 300 + 200, not the gross 1,400
                                Map.of("{}", 1300.0))
                        + expect(
                                query(
                                        "greentrain-savings.json",
                                        "Energy saved (observed, A/B paired by seed, modelled"
                                                + " unless RAPL/NVML)",
                                        "A"),
                                Map.of("{}", 32.0 + 64 + 50 + 125))
                        + expect(
                                query(
                                        "greentrain-ab.json",
                                        "Arms against their own seed's baseline (energy modelled"
                                                + " unless RAPL/NVML)",
                                        "D"),
                                Map.of(
                                        row("fm-infobatch-seed1", "infobatch"), 32.0,
                                        row("fm-random-budget-seed1", "random-budget"), 64.0,
                                        row("fm-infobatch-seed2", "infobatch"), 50.0,
                                        row("my-exp-infobatch-seed1", "infobatch"), 125.0))
                        + expect(
                                query(
                                        "greentrain-ab.json",
                                        "Arms against their own seed's baseline (energy modelled"
                                                + " unless RAPL/NVML)",
                                        "A"),
                                Map.of(
                                        row("fm-infobatch-seed1", "infobatch"), -0.25,
                                        row("fm-random-budget-seed1", "random-budget"), -0.125,
                                        row("fm-infobatch-seed2", "infobatch"), 0.25,
                                        row("my-exp-infobatch-seed1", "infobatch"), 0.125))
                        + expect(
                                query(
                                        "greentrain-ab.json",
                                        "Arms against their own seed's baseline (energy modelled"
                                                + " unless RAPL/NVML)",
                                        "E"),
                                Map.of(
                                        row("fm-infobatch-seed1", "infobatch"), 0.25,
                                        row("fm-random-budget-seed1", "random-budget"), 0.5,
                                        row("fm-infobatch-seed2", "infobatch"), 0.25,
                                        row("my-exp-infobatch-seed1", "infobatch"), 0.125));
        Path file = Files.writeString(dir.resolve("pairing.test.yml"), tests);
        String output = PrometheusServers.promtool("test", "rules", file.toString());
        assertTrue(output.contains("SUCCESS"), output + "\n" + tests);
    }

    private static String series(String name, String run, String variant, double last) {
        return "      - series: 'greentrain_"
                + name
                + "{job=\"g\", run=\""
                + run
                + "\", variant=\""
                + variant
                + "\"}'\n        values: '0 "
                + last
                + " stale'";
    }

    private static String progress(String run, String variant, int epochsCompleted) {
        return String.join(
                "\n",
                series("training_epoch", run, variant, epochsCompleted),
                series("training_epochs_planned", run, variant, 3));
    }

    private static String accuracy(String run, String variant, double validate) {
        // the training accuracy differs, so a query that mixed the phases would be caught
        return String.join(
                "\n",
                series("training_accuracy_ratio", run, variant, validate)
                        .replace("\"}'", "\", phase=\"validate\"}'"),
                series("training_accuracy_ratio", run, variant, 1.0)
                        .replace("\"}'", "\", phase=\"train\"}'"));
    }

    private static String row(String run, String variant) {
        return "{run=\"" + run + "\", variant=\"" + variant + "\"}";
    }

    private static String query(String dashboard, String title, String refId) throws Exception {
        return DashboardQueries.find(dashboard, title, refId).substituted("5m", "1h");
    }

    private static String expect(String promql, Map<String, Double> samples) {
        StringBuilder test =
                new StringBuilder("      - expr: '")
                        .append(promql.replace("'", "''"))
                        .append("'\n        eval_time: 20m\n        exp_samples:");
        if (samples.isEmpty()) {
            test.append(" []");
        }
        test.append('\n');
        samples.forEach(
                (labels, value) ->
                        test.append("          - labels: '")
                                .append(labels)
                                .append("'\n            value: ")
                                .append(value)
                                .append('\n'));
        return test.toString();
    }
}
