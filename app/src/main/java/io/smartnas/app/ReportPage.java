package io.smartnas.app;

import io.smartnas.results.Measured;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTML page of a run: its facts, figures (each also written as a PNG file beside the page, and embedded in the
 * page so that it stands alone), drawings and tables. Built section by section, then written.
 */
final class ReportPage {
    private final StringBuilder body = new StringBuilder();
    private final List<String> files = new ArrayList<>();
    private final Path dir;
    private String title = "SmartNAS";

    /** A page to be written into {@code dir} as {@code index.html}. */
    ReportPage(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The page's title and heading. */
    ReportPage title(String text) {
        title = text;
        body.append("<h1>").append(escape(text)).append("</h1>\n");
        return this;
    }

    /** Named facts, as a two-column table. */
    ReportPage facts(Map<String, String> facts) {
        body.append("<table class=\"facts\">\n");
        facts.forEach((name, value) -> body.append("<tr><th>").append(escape(name)).append("</th><td>")
                .append(escape(value)).append("</td></tr>\n"));
        body.append("</table>\n");
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
        body.append("<figure>").append(image(name, chart, caption)).append("<figcaption>").append(escape(caption))
                .append(" (").append(name).append(".png)</figcaption></figure>\n");
        return this;
    }

    /** Starts a row of small figures. */
    ReportPage row() {
        body.append("<div class=\"row\">\n");
        return this;
    }

    /** A small figure of a row, written as {@code name.png} and embedded; its title is its caption. */
    ReportPage smallFigure(String name, Chart<?, ?> chart) throws IOException {
        body.append(image(name, chart, chart.getTitle())).append('\n');
        return this;
    }

    /** Ends a row of small figures. */
    ReportPage endRow() {
        body.append("</div>\n");
        return this;
    }

    /** A drawing, as an inline {@code <svg>} element made by this project (not from user text). */
    ReportPage svg(String svg) {
        body.append("<div class=\"drawing\">").append(svg).append("</div>\n");
        return this;
    }

    private String image(String name, Chart<?, ?> chart, String alt) throws IOException {
        Path file = dir.resolve(name + ".png");
        Charts.save(chart, file);
        files.add(file.getFileName().toString());
        return "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(Files.readAllBytes(file)) + "\">";
    }

    /** The table of the Pareto front: feasible candidates first. */
    ReportPage front(List<Measured> front) {
        body.append("<table>\n<tr><th>candidate</th><th>feasible</th><th>exits</th><th>validation accuracy</th>"
                + "<th>latency (ms)</th><th>parameters</th><th>memory (KB)</th>"
                + "<th>MMACs</th></tr>\n");
        for (Measured m : front) {
            row(code(m.configId()), m.feasible() ? "yes" : "no", String.valueOf(m.size()), percent(m.accuracy()),
                    number("%.3f", m.objectiveLatencyMs()), String.format(Locale.ROOT, "%,d", m.params()),
                    number("%.1f", m.bytes() / 1024.0), number("%.2f", m.macs() / 1e6));
        }
        body.append("</table>\n");
        return this;
    }

    /**
     * The table of every evaluation of a run that started at {@code started}: candidate, status, rung, what it
     * trained, when it ended, how long it took, and its last exit's accuracy and latency (or why it has none).
     */
    ReportPage evaluations(List<StoredEvaluation> evaluations, Instant started) {
        body.append("<table>\n<tr><th>#</th><th>candidate</th><th>status</th><th>rung</th>"
                + "<th>trained images (epochs)</th>"
                + "<th>ended (min)</th><th>took (s)</th><th>validation accuracy</th><th>latency (ms)</th>"
                + "<th>exits</th><th>parameters</th></tr>\n");
        for (StoredEvaluation stored : evaluations) {
            Evaluation e = stored.evaluation();
            ExitMetrics last = e.ok() ? e.lastExit() : null;
            row(String.valueOf(stored.id()), code(e.configId()), last == null ? escape(e.status().label() + ": "
                            + e.error()) : e.status().label(), String.valueOf(stored.lineage().rung()),
                    trained(e), number("%.1f", Duration.between(started, e.finished()).toMillis() / 60_000.0),
                    number("%.1f", Duration.between(e.started(), e.finished()).toMillis() / 1000.0),
                    last == null ? "-" : percent(last.validationAccuracy()),
                    last == null ? "-" : number("%.3f", last.latencyMs()), String.valueOf(e.exits().size()),
                    last == null ? "-" : String.format(Locale.ROOT, "%,d", last.params()));
        }
        body.append("</table>\n");
        return this;
    }

    private void row(String... cells) {
        body.append("<tr>");
        for (String cell : cells) {
            body.append("<td>").append(cell).append("</td>");
        }
        body.append("</tr>\n");
    }

    /** Writes {@code index.html}; returns it. */
    Path write() throws IOException {
        Path page = dir.resolve("index.html");
        Files.writeString(page, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + escape(title) + "</title>\n<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;"
                + "color:#222}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;"
                + "font-size:90%}table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;"
                + "padding:3px 8px;text-align:right}th{background:#f3f3f3}"
                + "table.facts td,table.facts th{text-align:left}"
                + ".row{display:flex;flex-wrap:wrap;gap:8px}.row img{width:440px}.drawing{overflow-x:auto}"
                + "</style></head>\n<body>\n" + body + "</body></html>\n");
        return page;
    }

    /** The PNG files written, by name. */
    List<String> files() {
        return List.copyOf(files);
    }

    /** What an evaluation trained, compactly: "9,920 (0.18)"; "-" where it trained nothing. */
    private static String trained(Evaluation e) {
        return e.trainedImages().map(t -> String.format(Locale.ROOT, "%,d (%.2f)", t.images(), t.epochs()))
                .orElse(e.ok() ? escape(e.fidelity().toString()) : "-");
    }

    private static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
