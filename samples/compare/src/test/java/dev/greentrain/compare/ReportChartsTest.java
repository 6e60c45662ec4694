package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;

/**
 * Reads back the chart objects the report draws: every series distinguishable, legends outside the
 * plot, epochs from 0, the samples axis from 0, the spread over seeds, the method's own passes,
 * units and provenance in the titles.
 */
class ReportChartsTest {

    private static final DecidingMetric METRIC = DecidingMetric.accuracy();

    @TempDir Path dir;

    /** Every built-in variant (15): InfoBatch and random pruning train identical counts. */
    private static List<Variant> allVariants() {
        return List.copyOf(Variants.all(new Variants.Settings(0.5, 0.875, 0.65, 1, 1)).values());
    }

    /** Three seeds per variant, identical counts for all pruned variants; DREAM spends passes. */
    private static List<MeanCurve> curves(List<Variant> variants) {
        List<MeanCurve> curves = new ArrayList<>();
        for (Variant variant : variants) {
            List<RunRecord> runs = new ArrayList<>();
            boolean full = variant instanceof BaselineVariant;
            long[] samples =
                    full ? new long[] {1000, 1000, 1000, 1000} : new long[] {1000, 600, 600, 1000};
            for (int seed = 1; seed <= 3; seed++) {
                double spread = 0.01 * seed;
                runs.add(
                        Runs.run(
                                variant,
                                seed,
                                samples,
                                new double[] {0.5 + spread, 0.6 + spread, 0.7 + spread, 0.8}));
            }
            MeanCurve curve = MeanCurve.of(variant, runs);
            if (variant instanceof DreamVariant) {
                curve = withMethodPasses(curve, new double[] {0, 400, 0, 400});
            }
            curves.add(curve);
        }
        return curves;
    }

    private static MeanCurve withMethodPasses(MeanCurve c, double[] passes) {
        return new MeanCurve(
                c.variant(),
                c.seeds(),
                c.epoch(),
                c.samples(),
                passes,
                c.cumulativeSeconds(),
                c.cumulativeForwardPasses(),
                c.metric(),
                c.metricLow(),
                c.metricHigh());
    }

    private static List<VariantSummary> summaries(List<Variant> variants) {
        List<VariantSummary> summaries = new ArrayList<>();
        for (Variant variant : variants) {
            List<RunRecord> runs = new ArrayList<>();
            for (int seed = 1; seed <= 3; seed++) {
                runs.add(
                        Runs.run(
                                variant,
                                seed,
                                new long[] {1000, 600, 600, 1000},
                                new double[] {0.5, 0.6, 0.7, 0.8}));
            }
            summaries.add(VariantSummary.of(variant, runs));
        }
        return summaries;
    }

    private static List<XYChart> lineCharts(List<MeanCurve> curves) {
        return List.of(
                ReportCharts.metricVsEpoch(METRIC, curves),
                ReportCharts.metricVsWallClock(METRIC, curves),
                ReportCharts.metricVsForwardPasses(METRIC, curves),
                ReportCharts.samplesPerEpoch(curves));
    }

    private record Look(String marker, Color colour, BasicStroke line) {}

    @Test
    void everySeriesOfEveryLineChartHasItsOwnMarkerColourAndLineStyle() {
        List<MeanCurve> curves = curves(allVariants());
        for (XYChart chart : lineCharts(curves)) {
            Set<Look> looks = new HashSet<>();
            for (XYSeries series : chart.getSeriesMap().values()) {
                assertNotNull(series.getMarker(), series.getName() + " has a marker set");
                assertNotNull(series.getLineColor(), series.getName() + " has a colour set");
                assertNotNull(series.getLineStyle(), series.getName() + " has a line style set");
                looks.add(
                        new Look(
                                shape(series.getMarker()),
                                series.getLineColor(),
                                series.getLineStyle()));
            }
            assertEquals(
                    chart.getSeriesMap().size(),
                    looks.size(),
                    chart.getTitle() + ": every series looks different: " + looks);
        }
    }

    @Test
    void identicalSeriesStayVisibleBecauseEachIsDrawnThinnerThanTheOneBelow() {
        List<MeanCurve> curves = curves(List.of(Runs.BASELINE, Runs.INFOBATCH, Runs.RANDOM));
        XYChart samples = ReportCharts.samplesPerEpoch(curves);
        XYSeries infoBatch = samples.getSeriesMap().get("InfoBatch: trained");
        XYSeries random = samples.getSeriesMap().get("Random pruning: trained");
        assertArrayEquals(infoBatch.getYData(), random.getYData(), "the fixture's counts match");
        assertTrue(
                random.getLineStyle().getLineWidth() < infoBatch.getLineStyle().getLineWidth(),
                "random pruning, drawn on top, is thinner than InfoBatch below it");
        assertFalse(
                shape(random.getMarker()).equals(shape(infoBatch.getMarker())),
                "their markers differ in shape");
        assertTrue(
                scale(random.getMarker()) < scale(infoBatch.getMarker()),
                "random pruning's marker sits inside InfoBatch's");
    }

    @Test
    void everyLegendIsOutsideThePlot() {
        List<Variant> variants = allVariants();
        List<Chart<?, ?>> charts = new ArrayList<>(lineCharts(curves(variants)));
        charts.add(ReportCharts.energy(summaries(variants), "modelled"));
        charts.add(ReportCharts.co2(summaries(variants), "modelled"));
        for (Chart<?, ?> chart : charts) {
            Styler.LegendPosition position = chart.getStyler().getLegendPosition();
            assertTrue(
                    position == Styler.LegendPosition.OutsideE
                            || position == Styler.LegendPosition.OutsideS,
                    chart.getTitle() + ": legend outside, not " + position);
        }
    }

    @Test
    void samplesChartStartsAtZeroAndDrawsTheMethodsOwnPassesOnlyWhereSpent() {
        XYChart chart = ReportCharts.samplesPerEpoch(curves(allVariants()));
        assertEquals(0.0, chart.getStyler().getYAxisMin(), "samples axis from 0");
        Set<String> names = chart.getSeriesMap().keySet();
        assertTrue(names.contains("DREAM (nearest): method's own passes"), names.toString());
        assertTrue(names.contains("DREAM (stratified): method's own passes"), names.toString());
        assertFalse(names.contains("Baseline: method's own passes"), names.toString());
        assertFalse(names.contains("InfoBatch: method's own passes"), names.toString());
        assertArrayEquals(
                new double[] {0, 400, 0, 400},
                chart.getSeriesMap().get("DREAM (nearest): method's own passes").getYData());
        assertTrue(chart.getYAxisTitle().contains("(count)"), chart.getYAxisTitle());
        assertTrue(chart.getTitle().contains("counted"), chart.getTitle());
    }

    @Test
    void epochsRunFromZeroWithWholeNumberTicks() {
        List<MeanCurve> curves = curves(allVariants());
        for (XYChart chart :
                List.of(
                        ReportCharts.metricVsEpoch(METRIC, curves),
                        ReportCharts.samplesPerEpoch(curves))) {
            for (XYSeries series : chart.getSeriesMap().values()) {
                double[] x = series.getXData();
                assertEquals(0.0, x[0], series.getName() + " starts at epoch 0");
                assertEquals(
                        3.0,
                        java.util.Arrays.stream(x).max().orElseThrow(),
                        series.getName() + " ends at epoch E-1 = 3");
            }
            Function<Double, String> ticks =
                    chart.getStyler().getxAxisTickLabelsFormattingFunction();
            assertNotNull(ticks, chart.getTitle() + ": epoch ticks are formatted");
            assertEquals("0", ticks.apply(0.0));
            assertEquals("3", ticks.apply(3.0));
            assertTrue(chart.getXAxisTitle().contains("from 0"), chart.getXAxisTitle());
        }
    }

    @Test
    void metricVsEpochDrawsTheRangeOverSeedsAndSaysSo() {
        List<MeanCurve> curves = curves(List.of(Runs.BASELINE, Runs.INFOBATCH, Runs.RANDOM));
        XYChart chart = ReportCharts.metricVsEpoch(METRIC, curves);
        assertTrue(chart.getTitle().contains("range over 3 seeds"), chart.getTitle());
        XYSeries band = chart.getSeriesMap().get("InfoBatch: range over 3 seeds (band)");
        assertNotNull(band, "a band per variant: " + chart.getSeriesMap().keySet());
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        MeanCurve infoBatch = curves.get(1);
        double[] y = band.getYData();
        for (int e = 0; e < 4; e++) {
            assertEquals(infoBatch.metricHigh()[e], y[e], 1e-9, "upper edge at epoch " + e);
            assertEquals(infoBatch.metricLow()[e], y[7 - e], 1e-9, "lower edge at epoch " + e);
        }
        assertEquals(51.0, infoBatch.metricLow()[0], 1e-9, "lowest seed's first accuracy");
        assertEquals(53.0, infoBatch.metricHigh()[0], 1e-9, "highest seed's first accuracy");
    }

    @Test
    void everyAxisStatesItsUnitAndEveryCostChartWhetherMeasuredOrModelled() {
        List<Variant> variants = allVariants();
        List<MeanCurve> curves = curves(variants);
        XYChart wall = ReportCharts.metricVsWallClock(METRIC, curves);
        assertTrue(wall.getXAxisTitle().contains("(s, measured by the JVM clock)"));
        XYChart passes = ReportCharts.metricVsForwardPasses(METRIC, curves);
        assertTrue(passes.getXAxisTitle().contains("training + the method's own"));
        assertTrue(passes.getXAxisTitle().contains("counted"));
        for (XYChart chart : lineCharts(curves).subList(0, 3)) {
            assertEquals("validation accuracy (%)", chart.getYAxisTitle());
        }
        CategoryChart energy = ReportCharts.energy(summaries(variants), "modelled");
        assertTrue(energy.getTitle().contains("modelled"), energy.getTitle());
        assertTrue(energy.getYAxisTitle().contains("kJ, modelled"), energy.getYAxisTitle());
        CategoryChart measured = ReportCharts.energy(summaries(variants), "measured");
        assertTrue(measured.getTitle().contains("measured"), measured.getTitle());
    }

    @Test
    void co2ChartShowsOnlyGrams() {
        List<VariantSummary> summaries = summaries(allVariants());
        CategoryChart chart = ReportCharts.co2(summaries, "modelled");
        assertTrue(chart.getYAxisTitle().startsWith("CO2e (g"), chart.getYAxisTitle());
        assertEquals(
                List.of("used", "saved (the run's energy estimate, same carbon intensity)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        for (CategorySeries series : chart.getSeriesMap().values()) {
            assertFalse(series.getName().contains("kJ"), series.getName());
        }
        List<Double> used = numbers(chart.getSeriesMap().get("used").getYData());
        assertEquals(summaries.stream().map(VariantSummary::co2Grams).toList(), used);
        VariantSummary first = summaries.get(0);
        List<Double> saved =
                numbers(
                        chart.getSeriesMap()
                                .get("saved (the run's energy estimate, same carbon intensity)")
                                .getYData());
        assertEquals(
                first.co2Grams() * first.energySavedEstimateJoules() / first.energyJoules(),
                saved.get(0),
                1e-9);
    }

    @Test
    void barLabelsOfEveryBuiltInVariantAreRotatedSoTheyDoNotOverlap() {
        List<VariantSummary> summaries = summaries(allVariants());
        assertEquals(15, summaries.size());
        for (CategoryChart chart :
                List.of(
                        ReportCharts.energy(summaries, "modelled"),
                        ReportCharts.co2(summaries, "modelled"))) {
            assertTrue(
                    chart.getStyler().getXAxisLabelRotation() >= 45,
                    chart.getTitle() + ": labels rotated");
        }
    }

    @Test
    void writeDrawsSixNonEmptyPngs() throws Exception {
        List<Variant> variants = allVariants();
        List<ReportCharts.ChartFile> files =
                ReportCharts.write(dir, METRIC, curves(variants), summaries(variants), "modelled");
        assertEquals(6, files.size());
        for (ReportCharts.ChartFile file : files) {
            Path png = dir.resolve(file.file());
            assertTrue(Files.size(png) > 0, png + " is not empty");
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " decodes as an image");
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0, png.toString());
        }
        assertEquals(
                6,
                files.stream()
                        .map(ReportCharts.ChartFile::file)
                        .collect(Collectors.toSet())
                        .size());
    }

    private static String shape(Marker marker) {
        return marker instanceof ReportCharts.SizedMarker sized
                ? sized.shape().getClass().getSimpleName()
                : marker.getClass().getSimpleName();
    }

    private static double scale(Marker marker) {
        return marker instanceof ReportCharts.SizedMarker sized ? sized.scale() : 1;
    }

    private static List<Double> numbers(Collection<? extends Number> values) {
        return values.stream().map(Number::doubleValue).toList();
    }
}
