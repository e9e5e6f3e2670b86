package io.smartnas.launcher;

import io.smartnas.evaluator.SavedModel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The budgeted-classification curve (accuracy against average MACs) as CSV and as a PNG plot. */
final class Curves {
    private Curves() {
    }

    /** Writes {@code curve.csv} and {@code curve.png}. */
    static void write(Path dir, List<SavedModel.CurvePoint> points, double lastMacs, double lastAccuracy)
            throws IOException {
        Files.createDirectories(dir);
        try (Writer csv = Files.newBufferedWriter(dir.resolve("curve.csv"))) {
            Csv.print(csv, List.of("threshold", "accuracy", "avg_macs"), points.stream().map(p -> List.of(
                    String.format(Locale.ROOT, "%.4f", p.threshold()), String.format(Locale.ROOT, "%.6f",
                            p.accuracy()), String.format(Locale.ROOT, "%.1f", p.avgMacs()))).toList());
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Anytime inference: accuracy against average cost").xAxisTitle("average MMACs per image")
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setMarkerSize(6);
        double[] x = points.stream().mapToDouble(p -> p.avgMacs() / 1e6).toArray();
        double[] y = points.stream().mapToDouble(p -> 100 * p.accuracy()).toArray();
        chart.addSeries("early exits (shared threshold)", x, y)
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.addSeries("last exit only", new double[] {lastMacs / 1e6}, new double[] {100 * lastAccuracy})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        BitmapEncoder.saveBitmap(chart, dir.resolve("curve.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
