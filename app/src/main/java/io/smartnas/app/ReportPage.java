package io.smartnas.app;

import io.smartnas.results.Measured;
import io.smartnas.results.RunSummary;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One HTML page of a run: a summary, figures (each also written as a PNG file beside the page, and embedded in the
 * page so that it stands alone), and the table of the Pareto front. Built section by section, then written.
 */
final class ReportPage {
    private final StringBuilder body = new StringBuilder();
    private final List<String> files = new ArrayList<>();
    private final Path dir;

    /** A page to be written into {@code dir} as {@code index.html}. */
    ReportPage(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The page's heading and the run in a sentence or two. */
    ReportPage summary(RunSummary run, String targets, String best) {
        body.append("<h1>SmartNAS run ").append(run.id()).append(": ").append(escape(run.name())).append("</h1>\n")
                .append("<p>").append(escape(run.strategy())).append(" search, ").append(run.status().label())
                .append(", started ").append(run.created()).append(run.finished() == null ? ""
                        : ", ended " + run.finished()).append(". ").append(run.evaluations())
                .append(" evaluations, ").append(run.feasible()).append(" feasible. Targets: ")
                .append(escape(targets)).append(". ").append(escape(best)).append("</p>\n");
        return this;
    }

    /** A section heading. */
    ReportPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph. */
    ReportPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A figure, written as {@code name.png} and embedded. */
    ReportPage figure(String name, Chart<?, ?> chart, String caption) throws IOException {
        Path file = dir.resolve(name + ".png");
        Charts.save(chart, file);
        files.add(file.getFileName().toString());
        body.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(file))).append("\">")
                .append("<figcaption>").append(escape(caption)).append(" (").append(file.getFileName())
                .append(")</figcaption></figure>\n");
        return this;
    }

    /** The table of the Pareto front: feasible candidates first. */
    ReportPage front(List<Measured> front) {
        body.append("<table>\n<tr><th>candidate</th><th>feasible</th><th>exits</th><th>validation accuracy</th>"
                + "<th>latency (ms)</th><th>parameters</th><th>memory (KB)</th>"
                + "<th>MMACs</th></tr>\n");
        for (Measured m : front) {
            body.append("<tr><td><code>").append(m.configId()).append("</code></td><td>")
                    .append(m.feasible() ? "yes" : "no").append("</td><td>").append(m.size()).append("</td><td>")
                    .append(percent(m.accuracy())).append("</td><td>").append(String.format(Locale.ROOT, "%.3f", m.objectiveLatencyMs()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", m.params())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", m.bytes() / 1024.0)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", m.macs() / 1e6)).append("</td></tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Writes {@code index.html}; returns it. */
    Path write(String title) throws IOException {
        Path page = dir.resolve("index.html");
        Files.writeString(page, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + escape(title) + "</title>\n<style>body{font-family:sans-serif;max-width:860px;margin:2em auto;"
                + "color:#222}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;"
                + "font-size:90%}table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;"
                + "padding:3px 8px;text-align:right}th{background:#f3f3f3}</style></head>\n<body>\n" + body
                + "</body></html>\n");
        return page;
    }

    /** The PNG files written, by name. */
    List<String> files() {
        return List.copyOf(files);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
