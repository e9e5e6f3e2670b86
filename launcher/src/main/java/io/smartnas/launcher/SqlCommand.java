package io.smartnas.launcher;

import io.smartnas.results.ReadOnlyQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** {@code smartnas sql}: a read-only SQL query on the results, for power users. */
@Command(name = "sql", footer = {"  smartnas sql \"SELECT config_id, accuracy FROM evaluations ORDER BY accuracy DESC LIMIT 5\""},
        description = "Runs one read-only query (SELECT, WITH, ...) on the results database. Tables: runs, "
                + "candidates, evaluations, exit_metrics, generations, exports.")
final class SqlCommand extends Subcommand {
    @Parameters(paramLabel = "QUERY", description = "The query, in quotes.")
    private String sql;

    @Mixin
    private DbOption db;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + ReadOnlyQuery.DEFAULT_TIMEOUT_SECONDS,
            description = "Cancel the query after this many seconds (default ${DEFAULT-VALUE}).")
    private int timeout;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + ReadOnlyQuery.DEFAULT_MAX_ROWS,
            description = "Print at most N rows (default ${DEFAULT-VALUE}).")
    private int maxRows;

    @Mixin
    private OutputFormat format;

    @Override
    void run() {
        ReadOnlyQuery.Answer answer = ReadOnlyQuery.run(db.file(), sql, new ReadOnlyQuery.Limits(timeout, maxRows));
        PrintWriter out = out();
        if (format.json) {
            out.println(Json.line(answer.rows().stream().map(row -> {
                Map<String, String> object = new LinkedHashMap<>();
                IntStream.range(0, row.size()).forEach(c -> object.put(answer.columns().get(c), row.get(c)));
                return object;
            }).toList()));
        } else if (format.csv) {
            Csv.print(out, answer.columns(), answer.rows());
        } else {
            Table table = new Table(answer.columns().toArray(String[]::new));
            answer.rows().forEach(row -> table.row(row.stream().map(v -> v == null ? "NULL" : v).toArray()));
            table.print(out, "");
            out.println("(" + answer.rows().size() + " row" + (answer.rows().size() == 1 ? "" : "s") + ")");
        }
        if (answer.cut()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("smartnas sql: the answer was cut at " + maxRows + " rows; --max-rows sets the limit");
            err.flush();
        }
    }
}
