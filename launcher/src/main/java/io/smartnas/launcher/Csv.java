package io.smartnas.launcher;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV: a header line, then one line per row; fields with commas, quotes or line breaks are quoted. */
final class Csv {
    private Csv() {
    }

    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        out.println(line(header));
        rows.forEach(row -> out.println(line(row)));
    }

    private static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(","));
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
