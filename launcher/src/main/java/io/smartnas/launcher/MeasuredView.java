package io.smartnas.launcher;

import io.smartnas.space.config.EvaluationJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.Measured;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Measured candidates as a table, CSV or a JSON array: the answer of {@code smartnas query}. */
final class MeasuredView {
    private static final List<String> COLUMNS = List.of("id", "status", "feasible", "accuracy", "test_accuracy",
            "latency_ms", "anytime_latency_ms", "params", "bytes", "macs", "exits", "violation", "epochs", "subset");

    private MeasuredView() {
    }

    static void print(PrintWriter out, List<Measured> measured, OutputFormat format) {
        if (format.json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            measured.forEach(m -> array.add(json(m)));
            out.println(Json.line(array));
        } else if (format.csv) {
            Csv.print(out, COLUMNS, measured.stream().map(MeasuredView::fields).toList());
        } else if (measured.isEmpty()) {
            out.println("(no candidates)");
        } else {
            Table table = new Table(COLUMNS.toArray(String[]::new));
            measured.forEach(m -> table.row(fields(m).toArray()));
            table.print(out, "");
        }
        out.flush();
    }

    static ObjectNode json(Measured m) {
        ObjectNode node = Json.object();
        node.put("id", m.configId());
        node.put("status", m.status().label());
        node.put("feasible", m.feasible());
        EvaluationJson.number(node, "accuracy", m.accuracy());
        EvaluationJson.number(node, "test_accuracy", m.testAccuracy());
        EvaluationJson.number(node, "latency_ms", m.latencyMs());
        EvaluationJson.number(node, "anytime_latency_ms", m.anytimeLatencyMs());
        node.put("params", m.params());
        node.put("bytes", m.bytes());
        node.put("macs", m.macs());
        node.put("exits", m.size());
        EvaluationJson.number(node, "violation", Double.isInfinite(m.violation()) ? Double.NaN : m.violation());
        node.put("epochs", m.epochs());
        node.put("subset", m.subset());
        return node;
    }

    private static List<String> fields(Measured m) {
        List<String> fields = new ArrayList<>();
        fields.add(m.configId());
        fields.add(m.status().label());
        fields.add(m.feasible() ? "yes" : "no");
        fields.add(format("%.4f", m.accuracy()));
        fields.add(format("%.4f", m.testAccuracy()));
        fields.add(format("%.3f", m.latencyMs()));
        fields.add(format("%.3f", m.anytimeLatencyMs()));
        fields.add(String.valueOf(m.params()));
        fields.add(String.valueOf(m.bytes()));
        fields.add(String.valueOf(m.macs()));
        fields.add(String.valueOf(m.size()));
        fields.add(Double.isInfinite(m.violation()) ? "-" : format("%.3f", m.violation()));
        fields.add(String.valueOf(m.epochs()));
        fields.add(String.valueOf(m.subset()));
        return fields;
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
