package io.smartnas.launcher;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The budgeted-classification curve (accuracy against average MACs) as CSV and as a PNG plot. */
final class Curves {
    private Curves() {
    }

    /** Writes {@code curve.csv} and {@code curve.png}; points are (threshold, accuracy, average MACs). */
    static void write(Path dir, List<double[]> points, double lastMacs, double lastAccuracy) throws IOException {
        Files.createDirectories(dir);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("curve.csv")))) {
            csv.println("threshold,accuracy,avg_macs");
            points.forEach(p -> csv.printf(Locale.ROOT, "%.4f,%.6f,%.1f%n", p[0], p[1], p[2]));
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Anytime inference: accuracy against average cost").xAxisTitle("average MMACs per image")
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setMarkerSize(6);
        double[] x = points.stream().mapToDouble(p -> p[2] / 1e6).toArray();
        double[] y = points.stream().mapToDouble(p -> 100 * p[1]).toArray();
        chart.addSeries("early exits (shared threshold)", x, y)
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.addSeries("last exit only", new double[] {lastMacs / 1e6}, new double[] {100 * lastAccuracy})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        BitmapEncoder.saveBitmap(chart, dir.resolve("curve.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
