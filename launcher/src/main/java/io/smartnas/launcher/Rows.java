package io.smartnas.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of records as a command prints them: a JSON array (Jackson), or CSV or an aligned table of their scalar fields,
 * under the same names. One definition of a row serves all three.
 */
final class Rows {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies
            .SnakeCaseStrategy();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private Rows() {
    }

    /** Prints {@code rows} as {@code format} says; a table of no rows is {@code whenEmpty}. */
    static void print(PrintWriter out, OutputFormat format, Class<? extends Record> type, List<?> rows,
                      String whenEmpty) {
        if (format.json) {
            out.println(Json.line(rows));
        } else if (format.csv) {
            List<String> columns = columns(type);
            Csv.print(out, columns, cells(rows, columns, ""));
        } else if (rows.isEmpty()) {
            out.println(whenEmpty);
        } else {
            table(out, "", type, rows);
        }
        out.flush();
    }

    /** The scalar fields of {@code rows} as an aligned table. */
    static void table(PrintWriter out, String indent, Class<? extends Record> type, List<?> rows) {
        List<String> columns = columns(type);
        Table table = new Table(columns.toArray(String[]::new));
        cells(rows, columns, "-").forEach(row -> table.row(row.toArray()));
        table.print(out, indent);
    }

    /** The JSON names of a record's scalar fields, in order. */
    private static List<String> columns(Class<? extends Record> type) {
        List<String> columns = new ArrayList<>();
        for (var component : type.getRecordComponents()) {
            Class<?> kind = component.getType();
            if (!Collection.class.isAssignableFrom(kind) && !Map.class.isAssignableFrom(kind) && !kind.isRecord()) {
                columns.add(SNAKE_CASE.translate(component.getName()));
            }
        }
        return columns;
    }

    private static List<List<String>> cells(List<?> rows, List<String> columns, String missing) {
        return rows.stream().map(row -> {
            Map<String, Object> fields = Json.MAPPER.convertValue(row, FIELDS);
            return columns.stream().map(c -> text(fields.get(c), missing)).toList();
        }).toList();
    }

    private static String text(Object value, String missing) {
        if (value == null) {
            return missing;
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        return value instanceof Boolean b ? (b ? "yes" : "no") : value.toString();
    }
}
