package io.smartnas.app;

import io.smartnas.evaluator.SavedModel;
import io.smartnas.search.Comparison;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.ParetoFront;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The plots SmartNAS draws (XChart), each readable alone: a title, axis names with units, a legend below the plot
 * where it cannot hide points.
 */
public final class Charts {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 520;
    /** The size of one of a row of small plots (the genes). */
    private static final int SMALL_WIDTH = 420;
    private static final int SMALL_HEIGHT = 320;
    private static final Color TRIAL = new Color(0x999999);
    /** About how wide one character of a point's label is drawn, and how tall a label is, in pixels. */
    private static final int LABEL_CHAR_PIXELS = 7;
    private static final int LABEL_PIXELS = 14;
    private static final Color FEASIBLE = new Color(0x1b9e77);
    private static final Color INFEASIBLE = new Color(0xd95f02);
    private static final Color TARGET = new Color(0x7570b3);
    private static final String TICKS = "#,##0.###";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** One measured candidate in a plane of two figures, with what to label it with (null: no label). */
    record Point(double x, double y, String label) {
        Point(double x, double y) {
            this(x, y, null);
        }
    }

    /**
     * Candidates in the plane of a cost ({@code x}, lower is better) and accuracy ({@code y}): the feasible and the
     * infeasible ones, the feasible ones no other beats on both, and the targets as dashed lines.
     *
     * @param xTarget the most {@code x} the targets allow, or null
     * @param yTarget the least {@code y} they allow, or null
     * @param unit    the units of {@code x} and of {@code y}, to label the targets with
     */
    static XYChart front(String title, String xTitle, String yTitle, List<Point> feasible, List<Point> infeasible,
                         Double xTarget, Double yTarget, String[] unit) {
        XYChart chart = xy(title, xTitle, yTitle);
        scatter(chart, "feasible (" + feasible.size() + ")", feasible, FEASIBLE, SeriesMarkers.CIRCLE);
        scatter(chart, "infeasible (" + infeasible.size() + ")", infeasible, INFEASIBLE, SeriesMarkers.CROSS);
        List<Point> front = nonDominated(feasible);
        if (front.size() > 1) {
            line(chart, "front (feasible)", front, FEASIBLE, SeriesLines.SOLID)
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        List<Point> all = new ArrayList<>(feasible);
        all.addAll(infeasible);
        label(chart, front, all);
        if (!all.isEmpty()) {
            double minX = Math.min(all.stream().mapToDouble(Point::x).min().orElseThrow(), xTarget == null
                    ? Double.MAX_VALUE : xTarget);
            double maxX = Math.max(all.stream().mapToDouble(Point::x).max().orElseThrow(), xTarget == null
                    ? -Double.MAX_VALUE : xTarget);
            double minY = Math.min(all.stream().mapToDouble(Point::y).min().orElseThrow(), yTarget == null
                    ? Double.MAX_VALUE : yTarget);
            double maxY = Math.max(all.stream().mapToDouble(Point::y).max().orElseThrow(), yTarget == null
                    ? -Double.MAX_VALUE : yTarget);
            if (xTarget != null) {
                line(chart, "target \u2264 " + number(xTarget) + " " + unit[0], List.of(new Point(xTarget, minY),
                        new Point(xTarget, maxY)), TARGET, SeriesLines.DASH_DASH);
            }
            if (yTarget != null) {
                line(chart, "target \u2265 " + number(yTarget) + unit[1], List.of(new Point(minX, yTarget),
                        new Point(maxX, yTarget)), TARGET, SeriesLines.DOT_DOT);
            }
        }
        return chart;
    }

    /**
     * Writes each point's label just right of it, the highest first, leaving out a label that would cover one already
     * written (the page's table lists every point); {@code all} sets the scale.
     */
    private static void label(XYChart chart, List<Point> points, List<Point> all) {
        double spanX = span(all.stream().mapToDouble(Point::x).toArray());
        double spanY = span(all.stream().mapToDouble(Point::y).toArray());
        // Data units of a pixel, for a plot area of about WIDTH - 150 by HEIGHT - 170 pixels
        double perPixelX = spanX / (WIDTH - 150);
        double perPixelY = spanY / (HEIGHT - 170);
        List<double[]> placed = new ArrayList<>();
        List<Point> highestFirst = points.stream().filter(p -> p.label() != null)
                .sorted(Comparator.comparingDouble(Point::y).reversed()).toList();
        for (Point p : highestFirst) {
            double width = (LABEL_CHAR_PIXELS * p.label().length() + 8) * perPixelX;
            double height = LABEL_PIXELS * perPixelY;
            double[] box = {p.x() + 6 * perPixelX, p.y() - height / 2, p.x() + 6 * perPixelX + width,
                    p.y() + height / 2};
            if (placed.stream().noneMatch(b -> box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) {
                placed.add(box);
                chart.addAnnotation(new AnnotationText(p.label(), (box[0] + box[2]) / 2, p.y(), false));
            }
        }
    }

    private static double span(double[] values) {
        double low = Arrays.stream(values).min().orElse(0);
        double high = Arrays.stream(values).max().orElse(1);
        return high > low ? high - low : 1;
    }

    /** The points no other beats on {@code x} (lower) and {@code y} (higher), by {@code x}. */
    private static List<Point> nonDominated(List<Point> points) {
        return ParetoFront.of(points, Comparator.comparingDouble(Point::x)
                .thenComparing(Comparator.comparingDouble(Point::y).reversed()), (a, b) -> a.x() <= b.x()
                && a.y() >= b.y() && (a.x() < b.x() || a.y() > b.y()) ? 1 : 0);
    }

    /** Writes the best-so-far plot of {@code curves} ({@link #bestSoFar}) as a PNG file. */
    public static void saveBestSoFar(List<Comparison.Curve> curves, boolean byTime, Path file) throws IOException {
        save(bestSoFar(curves, byTime), file);
    }

    /** Writes the anytime curve ({@link #anytime}) as a PNG file. */
    public static void saveAnytime(List<SavedModel.CurvePoint> points, double lastMacs, double lastAccuracy, Path file)
            throws IOException {
        save(anytime(points, lastMacs, lastAccuracy, null), file);
    }

    /**
     * The best feasible accuracy of each run after each evaluation, against the evaluations or, with {@code byTime},
     * the minutes since the run started.
     */
    static XYChart bestSoFar(List<Comparison.Curve> curves, boolean byTime) {
        XYChart chart = xy("Best feasible validation accuracy so far", byTime ? "minutes since the run started"
                : "evaluations", "validation accuracy (%)");
        for (Comparison.Curve curve : curves) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < curve.bestSoFar().length; i++) {
                if (!Double.isNaN(curve.bestSoFar()[i])) {
                    points.add(new Point(byTime ? curve.minutes()[i] : i + 1, 100 * curve.bestSoFar()[i]));
                }
            }
            if (!points.isEmpty()) {
                XYSeries series = chart.addSeries("run " + curve.runId() + " (" + curve.strategy() + ")",
                        points.stream().mapToDouble(Point::x).toArray(), points.stream().mapToDouble(Point::y)
                                .toArray());
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (curves.size() > 4) {
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical); // a row of more would run off the side
        }
        return chart;
    }

    /**
     * A run's history: every measured candidate (feasible and not) and the best feasible validation accuracy so far,
     * against the evaluations or, with {@code byTime}, the minutes since the run started. The trials set the y axis,
     * so that a step of the best reads against the spread of what was tried.
     */
    static XYChart history(Comparison.Curve curve, List<Point> feasible, List<Point> infeasible, boolean byTime) {
        XYChart chart = xy("Every candidate and the best feasible so far", byTime ? "minutes since the run started"
                : "evaluations", "validation accuracy (%)");
        scatter(chart, "feasible candidate (" + feasible.size() + ")", feasible, TRIAL, SeriesMarkers.CIRCLE);
        scatter(chart, "infeasible candidate (" + infeasible.size() + ")", infeasible, INFEASIBLE, SeriesMarkers.CROSS);
        List<Point> best = new ArrayList<>();
        for (int i = 0; i < curve.bestSoFar().length; i++) {
            if (!Double.isNaN(curve.bestSoFar()[i])) {
                best.add(new Point(byTime ? curve.minutes()[i] : i + 1, 100 * curve.bestSoFar()[i]));
            }
        }
        if (!best.isEmpty()) {
            line(chart, "best feasible so far", best, FEASIBLE, SeriesLines.SOLID)
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        return chart;
    }

    /** Validation accuracy against one gene of the candidates, as a small plot of a row of them. */
    static XYChart gene(String gene, List<Point> points) {
        XYChart chart = new XYChartBuilder().width(SMALL_WIDTH).height(SMALL_HEIGHT).title("accuracy against "
                + gene).xAxisTitle(gene).yAxisTitle("validation accuracy (%)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern(TICKS);
        chart.getStyler().setYAxisDecimalPattern(TICKS);
        scatter(chart, gene, points, FEASIBLE, SeriesMarkers.CIRCLE);
        double minX = points.stream().mapToDouble(Point::x).min().orElse(0);
        double maxX = points.stream().mapToDouble(Point::x).max().orElse(1);
        chart.getStyler().setXAxisMin(minX - Math.max(0.5, 0.05 * (maxX - minX)));
        chart.getStyler().setXAxisMax(maxX + Math.max(0.5, 0.05 * (maxX - minX)));
        return chart;
    }

    /** Validation and test accuracy of each exit of a model, as bars. */
    static CategoryChart exits(String title, List<ExitMetrics> exits) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("exit (0 is the first, the cheapest)").yAxisTitle("accuracy (%)").build();
        style(chart.getStyler());
        List<String> names = exits.stream().map(e -> "exit " + e.exit() + " (" + number(e.macs() / 1e6)
                + " MMACs)").toList();
        chart.addSeries("validation", names, exits.stream().map(e -> 100 * e.validationAccuracy()).toList());
        chart.addSeries("test", names, exits.stream().map(e -> 100 * e.testAccuracy()).toList());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        return chart;
    }

    /**
     * Anytime inference: accuracy against average MACs over shared thresholds, the last exit alone, and the saved
     * policy's point ({@code policy}, null for none).
     */
    static XYChart anytime(List<SavedModel.CurvePoint> points, double lastMacs, double lastAccuracy, Point policy) {
        XYChart chart = xy("Anytime inference: accuracy against average cost", "average MMACs per image",
                "test accuracy (%)");
        XYSeries curve = chart.addSeries("early exits (one threshold shared by the exits)",
                points.stream().mapToDouble(p -> p.avgMacs() / 1e6).toArray(),
                points.stream().mapToDouble(p -> 100 * p.accuracy()).toArray());
        curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        curve.setMarker(SeriesMarkers.CIRCLE);
        scatter(chart, "last exit only", List.of(new Point(lastMacs / 1e6, 100 * lastAccuracy)), INFEASIBLE,
                SeriesMarkers.DIAMOND);
        if (policy != null) {
            scatter(chart, "the saved (calibrated) policy", List.of(policy), TARGET, SeriesMarkers.SQUARE);
        }
        return chart;
    }

    /** Writes {@code chart} as a PNG file. */
    static void save(Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        // XChart's own tick labels print a float's every digit where a range is narrow (61.199999999999996)
        chart.getStyler().setXAxisDecimalPattern(TICKS);
        chart.getStyler().setYAxisDecimalPattern(TICKS);
        return chart;
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setMarkerSize(7);
    }

    private static void scatter(XYChart chart, String name, List<Point> points, Color color,
                                Marker marker) {
        if (points.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, points.stream().mapToDouble(Point::x).toArray(),
                points.stream().mapToDouble(Point::y).toArray());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(color);
    }

    private static XYSeries line(XYChart chart, String name, List<Point> points, Color color, BasicStroke dash) {
        XYSeries series = chart.addSeries(name, points.stream().mapToDouble(Point::x).toArray(),
                points.stream().mapToDouble(Point::y).toArray());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(dash);
        return series;
    }

    /** A number as a label: at most three significant digits after the point. */
    static String number(double value) {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
