package io.smartnas.launcher;

import picocli.CommandLine.Help;
import picocli.CommandLine.Help.TextTable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A plain-text table with aligned columns (picocli's text table): a header, then rows. */
final class Table {
    private static final int GAP = 2;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    /** Adds a row; whole numbers are printed with thousands separators, fractions as the caller formatted them. */
    Table row(Object... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("a row of " + rows.get(0).length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell instanceof Long || cell instanceof Integer
                ? String.format(Locale.ROOT, "%,d", ((Number) cell).longValue()) : String.valueOf(cell))
                .toArray(String[]::new));
        return this;
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> Arrays.setAll(widths, c -> Math.max(widths[c], row[c].length() + GAP)));
        TextTable table = TextTable.forColumnWidths(Help.defaultColorScheme(Help.Ansi.OFF), widths);
        rows.forEach(table::addRowValues);
        table.toString().lines().forEach(line -> out.println(indent + line.stripTrailing()));
    }
}
