package dev.greentrain.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Draws a comparison's charts as PNG files with XChart. */
public final class ReportCharts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    /**
     * A chart written to disk.
     *
     * @param file the PNG file's name, relative to the output directory
     * @param title the chart's title
     */
    public record ChartFile(String file, String title) {}

    private ReportCharts() {}

    /**
     * Draws every chart of a comparison into a directory.
     *
     * @param directory the output directory
     * @param metric the deciding metric
     * @param curves the mean learning curve of every variant, in report order
     * @param summaries the per-variant means, in report order
     * @param energyKind {@code measured} or {@code modelled}
     * @return the charts written
     * @throws IOException if a file cannot be written
     */
    public static List<ChartFile> write(
            Path directory,
            DecidingMetric metric,
            List<MeanCurve> curves,
            List<VariantSummary> summaries,
            String energyKind)
            throws IOException {
        String yTitle =
                metric.higherIsBetter()
                        ? "validation " + metric.name() + " (%)"
                        : "validation " + metric.name();
        System.setProperty("java.awt.headless", "true");
        List<ChartFile> files = new ArrayList<>();
        files.add(
                save(
                        directory,
                        "accuracy-vs-epoch.png",
                        line(
                                "Validation " + metric.name() + " vs epoch",
                                "epoch",
                                yTitle,
                                curves,
                                MeanCurve::epoch,
                                MeanCurve::metric)));
        files.add(
                save(
                        directory,
                        "accuracy-vs-wall-clock.png",
                        line(
                                "Validation " + metric.name() + " vs training wall clock",
                                "training seconds",
                                yTitle,
                                curves,
                                MeanCurve::cumulativeSeconds,
                                MeanCurve::metric)));
        files.add(
                save(
                        directory,
                        "accuracy-vs-forward-passes.png",
                        line(
                                "Validation " + metric.name() + " vs cumulative forward passes",
                                "forward passes (samples)",
                                yTitle,
                                curves,
                                MeanCurve::cumulativeForwardPasses,
                                MeanCurve::metric)));
        XYChart samples =
                line(
                        "Samples trained per epoch",
                        "epoch",
                        "samples",
                        curves,
                        MeanCurve::epoch,
                        MeanCurve::samples);
        files.add(save(directory, "samples-per-epoch.png", samples));
        files.add(
                save(
                        directory,
                        "energy.png",
                        bars(
                                "Energy per run (kJ, " + energyKind + ", mean over seeds)",
                                "kJ",
                                summaries,
                                "used",
                                s -> s.energyJoules() / 1000,
                                "saved (estimate)",
                                s -> s.energySavedEstimateJoules() / 1000)));
        files.add(
                save(
                        directory,
                        "co2.png",
                        bars(
                                "CO2e per run (g, from " + energyKind + " energy, mean over seeds)",
                                "g CO2e",
                                summaries,
                                "used",
                                VariantSummary::co2Grams,
                                "energy used (kJ)",
                                s -> s.energyJoules() / 1000)));
        return files;
    }

    private static XYChart line(
            String title,
            String xTitle,
            String yTitle,
            List<MeanCurve> curves,
            Function<MeanCurve, double[]> x,
            Function<MeanCurve, double[]> y) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (MeanCurve curve : curves) {
            chart.addSeries(curve.variant().label(), x.apply(curve), y.apply(curve));
        }
        return chart;
    }

    private static CategoryChart bars(
            String title,
            String yTitle,
            List<VariantSummary> summaries,
            String firstName,
            Function<VariantSummary, Double> first,
            String secondName,
            Function<VariantSummary, Double> second) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("variant")
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> names = summaries.stream().map(s -> s.variant().label()).toList();
        chart.addSeries(firstName, names, summaries.stream().map(first).toList());
        chart.addSeries(secondName, names, summaries.stream().map(second).toList());
        return chart;
    }

    private static ChartFile save(Path directory, String file, Chart<?, ?> chart)
            throws IOException {
        BitmapEncoder.saveBitmap(
                chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return new ChartFile(file, chart.getTitle());
    }
}
