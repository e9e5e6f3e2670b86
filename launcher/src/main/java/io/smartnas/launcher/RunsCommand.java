package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code smartnas runs}: every run of a results database, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas runs --db smartnas-results/results.mv.db"},
        description = "Lists the runs: status, candidates measured, best feasible so far.")
final class RunsCommand implements Callable<Integer> {
    private static final List<String> COLUMNS = List.of("run", "name", "strategy", "status", "created",
            "evaluations", "feasible", "best", "best_accuracy");

    @Spec
    private CommandSpec spec;

    @Mixin
    private DbOption db;

    @Mixin
    private OutputFormat format;

    @Override
    public Integer call() {
        List<RunSummary> runs;
        try (ResultStore store = db.readOnly()) {
            runs = store.runs();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            runs.forEach(r -> array.add(RunJson.summary(r)));
            out.println(Json.line(array));
        } else {
            List<List<String>> rows = runs.stream().map(r -> List.of(String.valueOf(r.id()), r.name(), r.strategy(),
                    r.status().label(), r.created().toString(), String.valueOf(r.evaluations()),
                    String.valueOf(r.feasible()), r.bestConfigId() == null ? "-" : r.bestConfigId(),
                    Double.isNaN(r.bestAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", r.bestAccuracy())))
                    .toList();
            if (format.csv) {
                Csv.print(out, COLUMNS, rows);
            } else if (rows.isEmpty()) {
                out.println("(no runs in " + db.file() + ")");
            } else {
                Table table = new Table(COLUMNS.toArray(String[]::new));
                rows.forEach(row -> table.row(row.toArray()));
                table.print(out, "");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
