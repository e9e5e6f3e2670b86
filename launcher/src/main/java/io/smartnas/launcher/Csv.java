package io.smartnas.launcher;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** RFC 4180 CSV (Commons CSV): a header line, then one line per row; a null field is empty. */
final class Csv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator(System.lineSeparator())
            .get();

    private Csv() {
    }

    static void print(Appendable out, List<String> header, List<? extends List<?>> rows) {
        try {
            CSVPrinter printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(header);
            printer.printRecords(rows);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV", e);
        }
    }
}
