package dev.greentrain.samples.compare;

import dev.greentrain.listeners.energy.CarbonIntensity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns the runs of a comparison into its report: result files, charts, {@code report.md} and
 * {@code report.html}, and the summary table printed at the end.
 */
public final class ComparisonReport {

    private final ComparisonSettings settings;
    private final List<String> variants;
    private final List<RunRecord> runs;
    private final List<VariantSummary> summaries = new ArrayList<>();
    private final List<MeanCurve> curves = new ArrayList<>();
    private final List<Verdict> againstBaseline = new ArrayList<>();
    private final List<Verdict> againstPeers = new ArrayList<>();

    /**
     * Analyses the runs of a comparison.
     *
     * @param settings the shared settings
     * @param variants the variant names, in report order
     * @param runs every run, each of a listed variant
     * @param margin the non-inferiority margin of the verdicts against the baseline
     */
    public ComparisonReport(
            ComparisonSettings settings,
            List<String> variants,
            List<RunRecord> runs,
            NonInferiority margin) {
        this.settings = settings;
        this.variants = List.copyOf(variants);
        this.runs = List.copyOf(runs);
        for (String variant : variants) {
            List<RunRecord> own = runsOf(variant);
            if (!own.isEmpty()) {
                summaries.add(VariantSummary.of(variant, own));
                curves.add(MeanCurve.of(variant, own));
            }
        }
        for (String variant : variants) {
            if (!variant.equals("baseline")) {
                addIfPresent(againstBaseline, Verdict.of(runs, variant, "baseline", margin));
            }
            for (Variant.PeerPair pair : Variants.get(variant).peerComparisons()) {
                if (variants.contains(pair.challenger()) && variants.contains(pair.reference())) {
                    addIfPresent(
                            againstPeers,
                            Verdict.of(runs, pair.challenger(), pair.reference(), margin));
                }
            }
        }
    }

    private static void addIfPresent(List<Verdict> list, Verdict verdict) {
        if (verdict != null) {
            list.add(verdict);
        }
    }

    private List<RunRecord> runsOf(String variant) {
        return runs.stream().filter(r -> r.variant().equals(variant)).toList();
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
        ResultFiles.write(directory, settings, runs, summaries, allVerdicts);
        List<ReportCharts.ChartFile> charts = ReportCharts.write(directory, curves, summaries);
        ReportWriter report = new ReportWriter(title());
        report.paragraph(settingsSentence());
        report.bullets(
                variants.stream()
                        .map(v -> Variants.get(v).label() + ": " + Variants.get(v).description())
                        .toList());
        report.heading("Verdict against the baseline");
        if (againstBaseline.isEmpty()) {
            report.paragraph(
                    "No verdict: the comparison has no baseline run of the same seed as another"
                            + " variant. Add baseline to --variants.");
        } else {
            report.bullets(againstBaseline.stream().map(Verdict::sentence).toList());
            report.table(
                    List.of(
                            "Variant",
                            "Seeds",
                            "Forward passes saved",
                            "Wall time saved",
                            "Energy saved (measured)",
                            "Accuracy vs baseline",
                            "Verdict"),
                    againstBaseline.stream().map(ComparisonReport::verdictRow).toList());
        }
        if (!againstPeers.isEmpty()) {
            report.heading("Against peers at the same budget");
            report.bullets(againstPeers.stream().map(Verdict::peerSentence).toList());
        }
        report.heading("Results per variant (mean over seeds)");
        report.table(
                summaryHeader(), summaries.stream().map(ComparisonReport::summaryRow).toList());
        report.heading("Charts");
        charts.forEach(report::chart);
        report.heading("How to read this");
        report.bullets(notes());
        report.write(directory);
        return directory.resolve("report.html");
    }

    private String title() {
        return String.format(
                Locale.ROOT,
                "GreenTrain comparison: Fashion-MNIST, %s, %d epochs, %s",
                settings.model(),
                settings.epochs(),
                seedsText());
    }

    private String seedsText() {
        List<Long> seeds = runs.stream().map(RunRecord::seed).distinct().sorted().toList();
        return (seeds.size() == 1 ? "seed " : "seeds ")
                + seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private String settingsSentence() {
        String sentence =
                String.format(
                        Locale.ROOT,
                        "Every run trains the %s on %,d samples for %d epochs with batch size %d,"
                                + " Adam with a cosine schedule from lr %s, from the same initial"
                                + " weights per seed; InfoBatch uses r = %s and delta = %s.",
                        settings.model(),
                        settings.trainSamples(),
                        settings.epochs(),
                        settings.batchSize(),
                        settings.learningRate(),
                        settings.pruneRatio(),
                        settings.delta());
        if (variants.stream().anyMatch(v -> Variants.get(v).usesBudget())) {
            sentence +=
                    String.format(
                            Locale.ROOT,
                            " Budget samplers train %.0f%% of the data per epoch; clustering is"
                                    + " k-means with %d clusters per class on the model's"
                                    + " features, redone every %d epoch(s).",
                            100 * settings.budget(),
                            settings.clustersPerClass(),
                            settings.reclusterInterval());
        }
        return sentence;
    }

    private static List<String> verdictRow(Verdict v) {
        return List.of(
                Variants.get(v.variant()).label(),
                String.valueOf(v.seeds()),
                percent(v.forwardPassesSaved()),
                percent(v.wallTimeSaved()),
                percent(v.energySaved()),
                v.accuracyText(),
                v.outcome().word());
    }

    private static List<String> summaryHeader() {
        return List.of(
                "Variant",
                "Seeds",
                "Test accuracy",
                "Best accuracy",
                "Wall time (s)",
                "Samples forwarded",
                "Sampler passes",
                "Forward passes saved",
                "Energy (J)",
                "CO2e (g)",
                "Energy saved, est. (J)",
                "CO2e saved, est. (g)");
    }

    private static List<String> summaryRow(VariantSummary s) {
        return List.of(
                Variants.get(s.variant()).label(),
                String.valueOf(s.seeds()),
                String.format(Locale.ROOT, "%.2f%%", 100 * s.testAccuracy()),
                String.format(Locale.ROOT, "%.2f%%", 100 * s.bestAccuracy()),
                String.format(Locale.ROOT, "%.1f", s.trainSeconds()),
                String.format(Locale.ROOT, "%,.0f", s.samplesForwarded()),
                String.format(Locale.ROOT, "%,.0f", s.samplerForwardPasses()),
                percent(s.forwardPassesSaved()),
                String.format(Locale.ROOT, "%,.1f", s.energyJoules()),
                String.format(Locale.ROOT, "%.3f", s.co2Grams()),
                String.format(Locale.ROOT, "%,.1f", s.energySavedJoules()),
                String.format(Locale.ROOT, "%.3f", s.co2SavedGrams()));
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

    /** Describes a carbon intensity for people: value, source and PUE. */
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
                "Savings are per seed against the run of the same seed, then averaged over seeds;"
                        + " accuracy is the test accuracy after the last epoch, and the 95%"
                        + " interval is Student's t over the per-seed differences.",
                "Forward passes saved are net of the sampler's own forward passes (e.g."
                        + " embedding passes for clustering).",
                "Wall time is the training loop only: the test evaluation after every epoch is"
                        + " excluded. Energy covers the whole run, evaluation included, measured"
                        + " with "
                        + method
                        + "; CO2e = energy x PUE x carbon intensity, for every run with "
                        + carbonOfAllRuns()
                        + ".",
                "Each run is saved in runs/ as it finishes; results.csv, results-epochs.csv and"
                        + " results.json hold every figure of this report.");
    }

    /**
     * Returns the summary table printed at the end of a comparison.
     *
     * @return the table and the verdict sentences, as lines of text
     */
    public String consoleSummary() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-22s %5s %9s %9s %10s %12s %9s%n",
                        "variant",
                        "seeds",
                        "accuracy",
                        "wall s",
                        "forwarded",
                        "fwd saved",
                        "energy J"));
        for (VariantSummary s : summaries) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-22s %5d %8.2f%% %9.1f %,10.0f %11.1f%% %9.1f%n",
                            Variants.get(s.variant()).label(),
                            s.seeds(),
                            100 * s.testAccuracy(),
                            s.trainSeconds(),
                            s.samplesForwarded() + s.samplerForwardPasses(),
                            100 * s.forwardPassesSaved(),
                            s.energyJoules()));
        }
        againstBaseline.forEach(v -> out.append(v.sentence()).append('\n'));
        againstPeers.forEach(v -> out.append(v.peerSentence()).append('\n'));
        return out.toString();
    }
}
