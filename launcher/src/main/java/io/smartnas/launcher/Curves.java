package io.smartnas.launcher;

import io.smartnas.app.Charts;
import io.smartnas.evaluator.SavedModel;

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
        Charts.saveAnytime(points, lastMacs, lastAccuracy, dir.resolve("curve.png"));
    }
}
