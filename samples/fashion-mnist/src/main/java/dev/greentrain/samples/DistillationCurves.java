package dev.greentrain.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Reads the {@code accuracy.csv} of several {@code distill} runs (one directory per sampler and
 * seed, as the command names them: {@code <sampler>-ipc<S>-seed<seed>}), prints the mean and spread
 * of the evaluation accuracy per iteration for each sampler, how many iterations each sampler
 * needed to reach the random sampler's final mean accuracy, and draws both curves on the same axes
 * ({@code curves.png}: mean over the seeds, band = range over the seeds).
 */
public final class DistillationCurves {

    private static final Color[] COLOURS = {new Color(0x0072B2), new Color(0xD55E00)};

    private DistillationCurves() {}

    /**
     * Summarises the runs of one images-per-class setting found in a directory.
     *
     * @param args the directory holding the run directories, and the images per class
     * @throws IOException if a file cannot be read or the chart written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "Expected 2 arguments, got "
                            + args.length
                            + ": the output directory of the distill runs and the images per"
                            + " class, e.g. distillation 10.");
        }
        summarise(Path.of(args[0]), Integer.parseInt(args[1]), System.out);
    }

    /**
     * Summarises the runs of one images-per-class setting and writes {@code curves.png} beside
     * them.
     *
     * @param directory the directory holding the run directories
     * @param imagesPerClass S
     * @param out where the summary goes
     * @return the iterations the DREAM sampler needed to reach the random sampler's final mean
     *     accuracy, if it did
     * @throws IOException if a file cannot be read or the chart written
     */
    static OptionalInt summarise(Path directory, int imagesPerClass, PrintStream out)
            throws IOException {
        Map<String, Curve> curves = new TreeMap<>();
        for (String sampler : List.of("random", "dream")) {
            Curve curve = Curve.read(directory, sampler, imagesPerClass);
            if (curve.seeds() > 0) {
                curves.put(sampler, curve);
            }
        }
        if (!curves.containsKey("random")) {
            throw new IllegalArgumentException(
                    "No finished random-ipc"
                            + imagesPerClass
                            + "-seed*/accuracy.csv in "
                            + directory
                            + ": run scripts/distill.sh --sampler random --images-per-class "
                            + imagesPerClass
                            + " with --output-dir "
                            + directory
                            + " first.");
        }
        double target = curves.get("random").finalMean();
        OptionalInt dreamReach = OptionalInt.empty();
        for (Map.Entry<String, Curve> entry : curves.entrySet()) {
            Curve curve = entry.getValue();
            out.printf(Locale.ROOT, "%s, %d seeds:%n", entry.getKey(), curve.seeds());
            for (int i = 0; i < curve.iterations.length; i++) {
                out.printf(
                        Locale.ROOT,
                        "  iteration %5d  accuracy %.2f%% (range %.2f..%.2f)  %.0f s%n",
                        curve.iterations[i],
                        100 * curve.mean[i],
                        100 * curve.low[i],
                        100 * curve.high[i],
                        curve.seconds[i]);
            }
            OptionalInt reach = curve.firstReaching(target);
            out.printf(
                    Locale.ROOT,
                    "  reaches the random sampler's final %.2f%% at iteration %s%n",
                    100 * target,
                    reach.isPresent() ? Integer.toString(reach.getAsInt()) : "never");
            if (entry.getKey().equals("dream")) {
                dreamReach = reach;
            }
        }
        Path chart = directory.resolve("curves-ipc" + imagesPerClass + ".png");
        draw(curves, imagesPerClass, chart);
        out.println("wrote " + chart);
        return dreamReach;
    }

    private static void draw(Map<String, Curve> curves, int imagesPerClass, Path file)
            throws IOException {
        int seeds = curves.values().stream().mapToInt(Curve::seeds).max().orElse(0);
        XYChart chart =
                new XYChartBuilder()
                        .width(900)
                        .height(520)
                        .title(
                                imagesPerClass
                                        + " images per class: test accuracy vs iterations (mean of "
                                        + seeds
                                        + " seeds, band = range)")
                        .xAxisTitle("distillation iterations")
                        .yAxisTitle("test accuracy (%)")
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int index = 0;
        for (Map.Entry<String, Curve> entry : curves.entrySet()) {
            Curve curve = entry.getValue();
            Color colour = COLOURS[index++ % COLOURS.length];
            double[] x = Arrays.stream(curve.iterations).asDoubleStream().toArray();
            int n = x.length;
            double[] bandX = new double[2 * n];
            double[] bandY = new double[2 * n];
            for (int i = 0; i < n; i++) {
                bandX[i] = x[i];
                bandY[i] = 100 * curve.high[i];
                bandX[2 * n - 1 - i] = x[i];
                bandY[2 * n - 1 - i] = 100 * curve.low[i];
            }
            Color translucent = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60);
            XYSeries band = chart.addSeries(entry.getKey() + " (range)", bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(translucent);
            band.setLineColor(translucent);
            band.setMarker(SeriesMarkers.NONE);
            band.setLineStyle(SeriesLines.NONE);
            band.setShowInLegend(false);
            XYSeries line =
                    chart.addSeries(
                            entry.getKey().equals("dream")
                                    ? "DREAM: k-means start and real batches"
                                    : "random: random real start and real batches",
                            x,
                            Arrays.stream(curve.mean).map(v -> 100 * v).toArray());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(colour);
            line.setMarkerColor(colour);
            line.setLineStyle(
                    index == 1
                            ? new BasicStroke(2.5f)
                            : new BasicStroke(
                                    2.5f,
                                    BasicStroke.CAP_BUTT,
                                    BasicStroke.JOIN_MITER,
                                    10f,
                                    new float[] {8f, 5f},
                                    0f));
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** One sampler's evaluation points, mean and range over its seeds at the common iterations. */
    private record Curve(
            int seeds,
            int[] iterations,
            double[] mean,
            double[] low,
            double[] high,
            double[] seconds) {

        static Curve read(Path directory, String sampler, int imagesPerClass) throws IOException {
            String prefix = sampler + "-ipc" + imagesPerClass + "-seed";
            List<Map<Integer, double[]>> runs = new ArrayList<>();
            try (Stream<Path> children = Files.list(directory)) {
                for (Path run : children.sorted().toList()) {
                    Path csv = run.resolve("accuracy.csv");
                    if (run.getFileName().toString().startsWith(prefix)
                            && Files.isRegularFile(csv)) {
                        runs.add(points(csv));
                    }
                }
            }
            if (runs.isEmpty()) {
                return new Curve(
                        0, new int[0], new double[0], new double[0], new double[0], new double[0]);
            }
            int[] common =
                    runs.get(0).keySet().stream()
                            .filter(i -> runs.stream().allMatch(r -> r.containsKey(i)))
                            .mapToInt(Integer::intValue)
                            .sorted()
                            .toArray();
            int n = common.length;
            double[] mean = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            double[] seconds = new double[n];
            for (int i = 0; i < n; i++) {
                int iteration = common[i];
                double[] accuracies = runs.stream().mapToDouble(r -> r.get(iteration)[0]).toArray();
                mean[i] = Arrays.stream(accuracies).average().orElseThrow();
                low[i] = Arrays.stream(accuracies).min().orElseThrow();
                high[i] = Arrays.stream(accuracies).max().orElseThrow();
                seconds[i] =
                        runs.stream().mapToDouble(r -> r.get(iteration)[1]).average().orElseThrow();
            }
            return new Curve(runs.size(), common, mean, low, high, seconds);
        }

        /** Iteration to {accuracy_mean, distill_seconds}, by the CSV's header names. */
        private static Map<Integer, double[]> points(Path csv) throws IOException {
            List<String> lines = Files.readAllLines(csv);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int iteration = header.indexOf("iteration");
            int accuracy = header.indexOf("accuracy_mean");
            int seconds = header.indexOf("distill_seconds");
            if (iteration < 0 || accuracy < 0 || seconds < 0) {
                throw new IOException(
                        csv
                                + " lacks a column iteration, accuracy_mean or distill_seconds;"
                                + " it is not the accuracy.csv of a distill run.");
            }
            Map<Integer, double[]> points = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                points.put(
                        Integer.parseInt(cells[iteration]),
                        new double[] {
                            Double.parseDouble(cells[accuracy]), Double.parseDouble(cells[seconds])
                        });
            }
            return points;
        }

        double finalMean() {
            return mean[mean.length - 1];
        }

        OptionalInt firstReaching(double target) {
            for (int i = 0; i < iterations.length; i++) {
                if (mean[i] >= target) {
                    return OptionalInt.of(iterations[i]);
                }
            }
            return OptionalInt.empty();
        }
    }
}
