package dev.greentrain.compare;

import dev.greentrain.listeners.energy.CarbonIntensity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A comparison's analysis: one recommendation per arm, the verdicts against the baseline and
 * between same-budget peers, the equal-budget view, the cost accounting and the charts, written as
 * Markdown, self-contained HTML, CSV and JSON.
 */
public final class ComparisonReport {

    private final String workload;
    private final DecidingMetric metric;
    private final List<Variant> variants;
    private final List<RunRecord> runs;
    private final MachineInfo machine;
    private final List<VariantSummary> summaries = new ArrayList<>();
    private final List<MeanCurve> curves = new ArrayList<>();
    private final List<Verdict> againstBaseline = new ArrayList<>();
    private final List<Verdict> againstPeers = new ArrayList<>();

    /**
     * Analyses the runs of a comparison.
     *
     * @param workload the workload's name
     * @param metric the deciding metric, with its margin
     * @param variants the variants, in report order; the one named {@code baseline} is the
     *     reference of the verdicts
     * @param runs every run, each of a listed variant
     * @param machine where the runs were made
     */
    public ComparisonReport(
            String workload,
            DecidingMetric metric,
            List<Variant> variants,
            List<RunRecord> runs,
            MachineInfo machine) {
        this.workload = workload;
        this.metric = metric;
        this.variants = List.copyOf(variants);
        this.runs = List.copyOf(runs);
        this.machine = machine;
        Variant baseline =
                variants.stream()
                        .filter(v -> v.name().equals(BaselineVariant.NAME))
                        .findFirst()
                        .orElse(null);
        for (Variant variant : variants) {
            List<RunRecord> own = runsOf(variant);
            if (!own.isEmpty()) {
                summaries.add(VariantSummary.of(variant, own));
                curves.add(MeanCurve.of(variant, own));
            }
            if (baseline != null && variant != baseline) {
                addIfPresent(againstBaseline, Verdict.of(runs, variant, baseline, metric));
            }
            for (Variant.PeerPair pair : variant.peerComparisons()) {
                if (variants.contains(pair.challenger()) && variants.contains(pair.reference())) {
                    addIfPresent(
                            againstPeers,
                            Verdict.of(runs, pair.challenger(), pair.reference(), metric));
                }
            }
        }
    }

    private static void addIfPresent(List<Verdict> list, Verdict verdict) {
        if (verdict != null) {
            list.add(verdict);
        }
    }

    private List<RunRecord> runsOf(Variant variant) {
        return runs.stream().filter(r -> r.variant().equals(variant.name())).toList();
    }

    /**
     * Returns one sentence per arm answering "should I turn this on?", with the evidence.
     *
     * @return the recommendations, in report order
     */
    public List<String> recommendations() {
        return againstBaseline.stream().map(Verdict::recommendation).toList();
    }

    /**
     * Returns the verdicts against the baseline.
     *
     * @return one per arm that ran with the baseline
     */
    public List<Verdict> verdicts() {
        return List.copyOf(againstBaseline);
    }

    /**
     * Returns the verdicts between same-budget peers.
     *
     * @return one per peer pair that ran
     */
    public List<Verdict> peerVerdicts() {
        return List.copyOf(againstPeers);
    }

    /**
     * Writes the result files, the charts and both reports into a directory.
     *
     * @param directory the output directory
     * @return the path of {@code report.html}
     * @throws IOException if a file cannot be written
     */
    public Path write(Path directory) throws IOException {
        List<Verdict> allVerdicts = new ArrayList<>(againstBaseline);
        allVerdicts.addAll(againstPeers);
        ResultFiles.write(directory, machine, runs, allVerdicts);
        List<ReportCharts.ChartFile> charts =
                ReportCharts.write(directory, metric, curves, summaries, energyKind());
        ReportWriter report = new ReportWriter(title());
        report.heading("Should I turn it on?");
        if (againstBaseline.isEmpty()) {
            report.paragraph(
                    "No verdict: the comparison has no baseline arm of the same seed as another"
                            + " arm. Add baseline to the variants.");
        } else {
            report.bullets(recommendations());
        }
        report.paragraph(settingsSentence());
        report.bullets(variants.stream().map(v -> v.label() + ": " + v.description()).toList());
        if (!againstBaseline.isEmpty()) {
            report.heading("Verdict against the baseline");
            report.bullets(againstBaseline.stream().map(Verdict::sentence).toList());
            report.table(verdictHeader(), againstBaseline.stream().map(this::verdictRow).toList());
        }
        if (!againstPeers.isEmpty()) {
            report.heading("Against peers at the same budget");
            report.bullets(againstPeers.stream().map(Verdict::peerSentence).toList());
        }
        report.heading("Equal budget view");
        report.paragraph(
                "Arms ordered by the budget they used: training passes plus the method's own"
                        + " passes, as a fraction of full-data training passes. Compare arms at"
                        + " equal budget, not only against the baseline.");
        List<String> budgetHeader =
                new ArrayList<>(
                        List.of(
                                "Variant",
                                "Budget declared",
                                "Budget used",
                                "Final " + metric.name()));
        reportedNames().forEach(name -> budgetHeader.add("Final " + name));
        report.table(
                budgetHeader,
                summaries.stream()
                        .sorted(Comparator.comparingDouble(VariantSummary::budgetUsed))
                        .map(this::budgetRow)
                        .toList());
        report.heading("Cost accounting (mean over seeds)");
        report.table(costHeader(), summaries.stream().map(this::costRow).toList());
        report.heading("Charts");
        charts.forEach(report::chart);
        report.heading("How to read this");
        report.bullets(notes());
        report.write(directory);
        return directory.resolve("report.html");
    }

    private String title() {
        int epochs = runs.isEmpty() ? 0 : runs.get(0).settings().epochs();
        return String.format(
                Locale.ROOT,
                "GreenTrain comparison: %s, %d epochs, %s",
                workload,
                epochs,
                seedsText());
    }

    private String seedsText() {
        List<Long> seeds = runs.stream().map(RunRecord::seed).distinct().sorted().toList();
        return (seeds.size() == 1 ? "seed " : "seeds ")
                + seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private String settingsSentence() {
        ComparisonSettings settings = runs.get(0).settings();
        String workloadSettings =
                settings.workloadSettings().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "Every arm trains %s on %,d samples for %d epochs%s, from the same initial weights"
                        + " per seed, %s; the deciding metric is validation %s.",
                workload,
                settings.trainSamples(),
                settings.epochs(),
                workloadSettings.isEmpty() ? "" : " (" + workloadSettings + ")",
                settings.schedule().equals(Schedule.LOCKSTEP.id())
                        ? "in lockstep (the arms of a seed take turns every few batches, in an"
                                + " order that rotates every epoch)"
                        : "one arm after the other",
                metric.name());
    }

    private String energyKind() {
        return runs.stream().allMatch(RunRecord::energyMeasured) ? "measured" : "modelled";
    }

    private List<String> verdictHeader() {
        return List.of(
                "Variant",
                "Seeds",
                "Forward passes saved (net)",
                "Wall time saved",
                "Energy saved (" + energyKind() + ")",
                metric.name() + " vs baseline",
                "Verdict");
    }

    private List<String> verdictRow(Verdict v) {
        return List.of(
                v.variant().label(),
                String.valueOf(v.seeds()),
                percent(v.forwardPassesSaved().mean()),
                Verdict.percentText(v.wallTimeSaved()),
                Verdict.percentText(v.energySaved()),
                v.improvementText(),
                v.outcome().word());
    }

    private List<String> budgetRow(VariantSummary s) {
        List<String> row =
                new ArrayList<>(
                        List.of(
                                s.variant().label(),
                                s.variant().budget().isPresent()
                                        ? percent(s.variant().budget().getAsDouble())
                                        : "data-dependent",
                                percent(s.budgetUsed()),
                                metric.format(s.finalMetric())));
        for (String name : reportedNames()) {
            row.add(
                    runs.stream()
                            .filter(run -> run.variant().equals(s.variant().name()))
                            .map(run -> run.epochs().get(run.epochs().size() - 1))
                            .filter(last -> last.reportedMetrics().containsKey(name))
                            .mapToDouble(last -> last.reportedMetrics().get(name))
                            .average()
                            .stream()
                            .mapToObj(DecidingMetric.accuracy()::format)
                            .findFirst()
                            .orElse("-"));
        }
        return row;
    }

    /** The reported metrics of the runs' last epochs, in the order first seen. */
    private List<String> reportedNames() {
        return runs.stream()
                .flatMap(
                        run ->
                                run
                                        .epochs()
                                        .get(run.epochs().size() - 1)
                                        .reportedMetrics()
                                        .keySet()
                                        .stream())
                .distinct()
                .toList();
    }

    private List<String> costHeader() {
        String kind = energyKind();
        return List.of(
                "Variant",
                "Train forward (= backward)",
                "Method passes",
                "Eval forward",
                "Train s",
                "Method s",
                "Eval s",
                "Train J (" + kind + ")",
                "Method J (" + kind + ")",
                "Eval J (" + kind + ")",
                "CO2e g (" + kind + ")",
                "Energy saved J (" + kind + "): estimate vs observed");
    }

    private List<String> costRow(VariantSummary s) {
        return List.of(
                s.variant().label(),
                String.format(Locale.ROOT, "%,.0f", s.trainSamples()),
                String.format(Locale.ROOT, "%,.0f", s.methodPasses()),
                String.format(Locale.ROOT, "%,.0f", s.evaluationSamples()),
                String.format(Locale.ROOT, "%.1f", s.costSeconds() - methodSeconds(s)),
                String.format(Locale.ROOT, "%.1f", methodSeconds(s)),
                String.format(Locale.ROOT, "%.1f", s.evaluationSeconds()),
                String.format(Locale.ROOT, "%,.1f", s.trainJoules()),
                String.format(Locale.ROOT, "%,.1f", s.methodJoules()),
                String.format(Locale.ROOT, "%,.1f", s.evaluationJoules()),
                String.format(Locale.ROOT, "%.3f", s.co2Grams()),
                String.format(Locale.ROOT, "%,.1f", s.energySavedEstimateJoules())
                        + " vs "
                        + observedSaving(s.variant()));
    }

    /**
     * The energy an arm saved against the baseline of its own seed (training and method phases),
     * the mean over the seeds both ran.
     */
    private String observedSaving(Variant variant) {
        Map<Long, Double> baseline = new HashMap<>();
        runs.stream()
                .filter(r -> r.variant().equals(BaselineVariant.NAME))
                .forEach(r -> baseline.put(r.seed(), r.costJoules()));
        double[] paired =
                runsOf(variant).stream()
                        .filter(r -> baseline.containsKey(r.seed()))
                        .mapToDouble(r -> baseline.get(r.seed()) - r.costJoules())
                        .toArray();
        return paired.length == 0
                ? "n/a (no baseline of the same seed)"
                : String.format(Locale.ROOT, "%,.1f", Arrays.stream(paired).average().orElse(0));
    }

    private double methodSeconds(VariantSummary s) {
        return runsOf(s.variant()).stream()
                .mapToDouble(r -> r.epochs().stream().mapToDouble(EpochPoint::methodSeconds).sum())
                .average()
                .orElse(0);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** The one carbon intensity of every run: a report never mixes intensities. */
    private String carbonOfAllRuns() {
        List<CarbonIntensity> intensities =
                runs.stream().map(RunRecord::carbon).distinct().toList();
        if (intensities.size() != 1) {
            throw new IllegalStateException(
                    "The runs' CO2e figures use "
                            + intensities
                            + "; recompute them with RunRecord.withCarbon(...) so that the report"
                            + " uses one carbon intensity.");
        }
        return describe(intensities.get(0));
    }

    /**
     * Describes a carbon intensity for people: value, source and PUE.
     *
     * @param carbon the intensity
     * @return e.g. {@code 475.0 gCO2e/kWh (world average (IEA 2019)), PUE 1.0}
     */
    static String describe(CarbonIntensity carbon) {
        return String.format(
                Locale.ROOT,
                "%s gCO2e/kWh (%s), PUE %s",
                carbon.gramsPerKwh(),
                carbon.source(),
                carbon.pue());
    }

    private List<String> notes() {
        String method =
                runs.stream()
                        .map(RunRecord::energyMethod)
                        .distinct()
                        .collect(Collectors.joining("; "));
        return List.of(
                "Savings and differences are per seed against the arm of the same seed, then"
                        + " averaged over seeds; each 95% interval is Student's t over the"
                        + " per-seed values. A verdict is superior when the metric's whole"
                        + " interval is above 0, non-inferior when it is above minus the margin,"
                        + " inferior when it is below minus the margin, and inconclusive"
                        + " otherwise.",
                "Wall time and energy saved cover training and the method's own work (scoring,"
                        + " embedding, selection); the evaluation after every epoch is listed"
                        + " apart. Forward passes saved are net of the method's own passes.",
                "Energy is "
                        + energyKind()
                        + " ("
                        + method
                        + "): each arm is charged the windows in which it ran. Modelled energy"
                        + " follows process CPU time, not a sensor. CO2e = energy x PUE x carbon"
                        + " intensity, for every run with "
                        + carbonOfAllRuns()
                        + ". The energy saved estimate is the runs' own (the train phase's energy"
                        + " per trained sample times the samples skipped, net of the method's"
                        + " passes at a third of a trained sample each); the observed saving is"
                        + " the baseline's training and method energy minus the arm's, paired by"
                        + " seed.",
                "Machine: "
                        + machine.describe()
                        + ". Counts and metrics are bit-identical when rerun on the same CPU model"
                        + " with the same thread settings; wall time and energy are not, and"
                        + " another CPU changes the kernels and so every figure slightly.",
                "Each arm is saved in runs/ as it finishes; results.csv, results-epochs.csv and"
                        + " results.json hold every figure of this report.");
    }
}
