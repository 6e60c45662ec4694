package dev.greentrain.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a comparison's charts as PNG files with XChart: every series with its own colour, marker
 * and dash, legends outside the plot, units and provenance (counted, measured or modelled) in the
 * titles.
 */
public final class ReportCharts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;
    private static final int BAND_ALPHA = 40;
    private static final int CATEGORY_LABEL_ROTATION = 45;

    /**
     * Colours, one per built-in variant so that even the translucent bands, which differ only in
     * colour, stay apart: Okabe-Ito without yellow and Tol's muted scheme first (colour-blind
     * safe), then Tol's bright and light schemes for the rarely combined static reductions.
     */
    private static final Color[] COLOURS = {
        new Color(0x000000),
        new Color(0xE69F00),
        new Color(0x56B4E9),
        new Color(0x009E73),
        new Color(0x0072B2),
        new Color(0xD55E00),
        new Color(0xCC79A7),
        new Color(0x882255),
        new Color(0x332288),
        new Color(0x88CCEE),
        new Color(0x44AA99),
        new Color(0x117733),
        new Color(0x999933),
        new Color(0xDDCC77),
        new Color(0xCC6677),
        new Color(0x4477AA),
        new Color(0xEE6677),
        new Color(0x228833),
        new Color(0x66CCEE),
        new Color(0xAA3377),
        new Color(0xBBBBBB),
        new Color(0xEE8866),
        new Color(0xAAAA00)
    };

    /** Marker shapes of the variants; a count coprime with the colours' to pair them uniquely. */
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE,
        SeriesMarkers.DIAMOND,
        SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN,
        SeriesMarkers.TRAPEZOID,
        SeriesMarkers.CROSS
    };

    /** Dash patterns of the variants; {@code null} is a solid line. */
    private static final float[][] DASHES = {
        null, {10f, 5f}, {3f, 3f}, {12f, 4f, 3f, 4f}, {6f, 3f, 2f, 3f, 2f, 3f}
    };

    /** The dash pattern of the method's own passes, unlike every variant's. */
    private static final float[] METHOD_DASH = {1f, 4f};

    private static final float WIDEST_LINE = 5f;
    private static final float LINE_WIDTH_STEP = 0.5f;
    private static final float THINNEST_LINE = 1.2f;
    private static final int MARKER_SIZE = 9;
    private static final double LARGEST_MARKER = 1.6;
    private static final double MARKER_SCALE_STEP = 0.12;
    private static final double SMALLEST_MARKER = 0.7;

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
        System.setProperty("java.awt.headless", "true");
        List<ChartFile> files = new ArrayList<>();
        files.add(save(directory, "accuracy-vs-epoch.png", metricVsEpoch(metric, curves)));
        files.add(save(directory, "accuracy-vs-wall-clock.png", metricVsWallClock(metric, curves)));
        files.add(
                save(
                        directory,
                        "accuracy-vs-forward-passes.png",
                        metricVsForwardPasses(metric, curves)));
        files.add(save(directory, "samples-per-epoch.png", samplesPerEpoch(curves)));
        files.add(save(directory, "energy.png", energy(summaries, energyKind)));
        files.add(save(directory, "co2.png", co2(summaries, energyKind)));
        return files;
    }

    /** The deciding metric per epoch (from 0), with the range over seeds as a band. */
    static XYChart metricVsEpoch(DecidingMetric metric, List<MeanCurve> curves) {
        XYChart chart =
                metricChart(
                        "Validation " + metric.name() + " vs epoch",
                        "epoch (from 0)",
                        metric,
                        curves,
                        MeanCurve::epoch);
        integerTicks(chart);
        return chart;
    }

    /** The deciding metric against cumulative training and method wall time. */
    static XYChart metricVsWallClock(DecidingMetric metric, List<MeanCurve> curves) {
        return metricChart(
                "Validation " + metric.name() + " vs training wall time",
                "cumulative training + method wall time (s, measured by the JVM clock)",
                metric,
                curves,
                MeanCurve::cumulativeSeconds);
    }

    /** The deciding metric against cumulative training and method forward passes. */
    static XYChart metricVsForwardPasses(DecidingMetric metric, List<MeanCurve> curves) {
        return metricChart(
                "Validation " + metric.name() + " vs cumulative forward passes",
                "cumulative forward passes, training + the method's own (counted)",
                metric,
                curves,
                MeanCurve::cumulativeForwardPasses);
    }

    /**
     * The samples trained per epoch and, for variants that spend any, the method's own forward
     * passes per epoch, from 0 up.
     */
    static XYChart samplesPerEpoch(List<MeanCurve> curves) {
        XYChart chart =
                xyChart(
                        "Samples trained and the method's own forward passes per epoch (counted,"
                                + " mean over "
                                + seedsText(curves)
                                + ")",
                        "epoch (from 0)",
                        "samples or passes per epoch (count)");
        for (int i = 0; i < curves.size(); i++) {
            MeanCurve curve = curves.get(i);
            line(chart, curve.variant().label() + ": trained", curve.epoch(), curve.samples(), i);
        }
        for (int i = 0; i < curves.size(); i++) {
            MeanCurve curve = curves.get(i);
            if (curve.hasMethodPasses()) {
                XYSeries method =
                        line(
                                chart,
                                curve.variant().label() + ": method's own passes",
                                curve.epoch(),
                                curve.methodPasses(),
                                i);
                method.setLineStyle(stroke(lineWidth(i), METHOD_DASH));
                method.setMarker(marker(SeriesMarkers.PLUS, i));
            }
        }
        chart.getStyler().setYAxisMin(0.0);
        integerTicks(chart);
        return chart;
    }

    /** The energy used and the energy saved as estimated, per variant. */
    static CategoryChart energy(List<VariantSummary> summaries, String energyKind) {
        return usedAndSaved(
                "Energy",
                "kJ, " + energyKind,
                "energy (kJ, " + energyKind + ")",
                summaries,
                s -> s.energyJoules() / 1000,
                "saved (the run's estimate)",
                s -> s.energySavedEstimateJoules() / 1000);
    }

    /** The CO2e of the energy used and of the energy saved as estimated, per variant. */
    static CategoryChart co2(List<VariantSummary> summaries, String energyKind) {
        return usedAndSaved(
                "CO2e",
                "g, from " + energyKind + " energy",
                "CO2e (g, from " + energyKind + " energy)",
                summaries,
                VariantSummary::co2Grams,
                "saved (the run's energy estimate, same carbon intensity)",
                VariantSummary::co2SavedEstimateGrams);
    }

    private static CategoryChart usedAndSaved(
            String quantity,
            String unit,
            String yTitle,
            List<VariantSummary> summaries,
            Function<VariantSummary, Double> used,
            String savedName,
            Function<VariantSummary, Double> saved) {
        CategoryChart chart =
                categoryChart(
                        quantity
                                + " per run ("
                                + unit
                                + ", mean over "
                                + summarySeedsText(summaries)
                                + ")",
                        yTitle);
        bars(chart, "used", summaries, used, 0);
        bars(chart, savedName, summaries, saved, 1);
        return chart;
    }

    private static XYChart metricChart(
            String title,
            String xTitle,
            DecidingMetric metric,
            List<MeanCurve> curves,
            Function<MeanCurve, double[]> x) {
        String seeds = seedsText(curves);
        boolean spread = curves.stream().anyMatch(c -> c.seeds() > 1);
        XYChart chart =
                xyChart(
                        title
                                + ": mean over "
                                + seeds
                                + (spread ? ", band = range over " + seeds : ", no spread"),
                        xTitle,
                        metric.higherIsBetter()
                                ? "validation " + metric.name() + " (%)"
                                : "validation " + metric.name() + " (no unit)");
        for (int i = 0; i < curves.size(); i++) {
            MeanCurve curve = curves.get(i);
            if (curve.seeds() > 1) {
                band(chart, curve, x.apply(curve), i);
            }
        }
        for (int i = 0; i < curves.size(); i++) {
            MeanCurve curve = curves.get(i);
            line(chart, curve.variant().label(), x.apply(curve), curve.metric(), i);
        }
        return chart;
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        outsideLegend(chart.getStyler());
        chart.getStyler().setMarkerSize(MARKER_SIZE);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, int index) {
        Color colour = COLOURS[index % COLOURS.length];
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setFillColor(colour);
        series.setMarker(marker(MARKERS[index % MARKERS.length], index));
        series.setLineStyle(stroke(lineWidth(index), DASHES[index % DASHES.length]));
        return series;
    }

    /** A translucent polygon from the highest seed's metric forward to the lowest's back. */
    private static void band(XYChart chart, MeanCurve curve, double[] x, int index) {
        int n = x.length;
        double[] bandX = new double[2 * n];
        double[] bandY = new double[2 * n];
        for (int i = 0; i < n; i++) {
            bandX[i] = x[i];
            bandY[i] = curve.metricHigh()[i];
            bandX[2 * n - 1 - i] = x[i];
            bandY[2 * n - 1 - i] = curve.metricLow()[i];
        }
        Color colour = COLOURS[index % COLOURS.length];
        Color translucent =
                new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA);
        XYSeries series =
                chart.addSeries(
                        curve.variant().label()
                                + ": range over "
                                + seedsText(curve.seeds())
                                + " (band)",
                        bandX,
                        bandY);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setFillColor(translucent);
        series.setLineColor(translucent);
        series.setMarkerColor(translucent);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(SeriesLines.NONE);
        series.setShowInLegend(false);
    }

    private static CategoryChart categoryChart(String title, String yTitle) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("variant")
                        .yAxisTitle(yTitle)
                        .build();
        outsideLegend(chart.getStyler());
        chart.getStyler().setXAxisLabelRotation(CATEGORY_LABEL_ROTATION);
        return chart;
    }

    private static void bars(
            CategoryChart chart,
            String name,
            List<VariantSummary> summaries,
            Function<VariantSummary, Double> value,
            int index) {
        List<String> names = summaries.stream().map(s -> s.variant().label()).toList();
        chart.addSeries(name, names, summaries.stream().map(value).toList())
                .setFillColor(COLOURS[(index + 4) % COLOURS.length]);
    }

    private static void outsideLegend(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendSeriesLineLength(36);
    }

    /** Labels epoch ticks as whole numbers, one per epoch where they fit. */
    private static void integerTicks(XYChart chart) {
        AxesChartStyler styler = chart.getStyler();
        styler.setxAxisTickLabelsFormattingFunction(
                value -> String.format(Locale.ROOT, "%d", Math.round(value)));
    }

    /**
     * A marker shape drawn at a size that shrinks with the series' index, so that a later series'
     * marker sits inside an earlier one's where their points coincide.
     */
    static final class SizedMarker extends Marker {

        private final Marker shape;
        private final double scale;

        private SizedMarker(Marker shape, double scale) {
            this.shape = shape;
            this.scale = scale;
        }

        /** The shape drawn. */
        Marker shape() {
            return shape;
        }

        /** The size relative to the chart's marker size. */
        double scale() {
            return scale;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            shape.paint(g, x, y, (int) Math.round(markerSize * scale));
        }
    }

    private static Marker marker(Marker shape, int index) {
        return new SizedMarker(
                shape, Math.max(SMALLEST_MARKER, LARGEST_MARKER - MARKER_SCALE_STEP * index));
    }

    private static float lineWidth(int index) {
        return Math.max(THINNEST_LINE, WIDEST_LINE - LINE_WIDTH_STEP * index);
    }

    private static BasicStroke stroke(float width, float[] dash) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    private static String seedsText(List<MeanCurve> curves) {
        return seedsText(curves.stream().mapToInt(MeanCurve::seeds).summaryStatistics());
    }

    private static String summarySeedsText(List<VariantSummary> summaries) {
        return seedsText(summaries.stream().mapToInt(VariantSummary::seeds).summaryStatistics());
    }

    private static String seedsText(java.util.IntSummaryStatistics counts) {
        if (counts.getCount() == 0) {
            return "0 seeds";
        }
        return counts.getMin() == counts.getMax()
                ? seedsText(counts.getMax())
                : counts.getMin() + " to " + counts.getMax() + " seeds";
    }

    private static String seedsText(int count) {
        return count + (count == 1 ? " seed" : " seeds");
    }

    private static ChartFile save(Path directory, String file, Chart<?, ?> chart)
            throws IOException {
        BitmapEncoder.saveBitmap(
                chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return new ChartFile(file, chart.getTitle());
    }
}
