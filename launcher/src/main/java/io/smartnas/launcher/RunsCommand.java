package io.smartnas.launcher;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** {@code smartnas runs}: every run of a results database, newest first. */
@Command(name = "runs", footer = {"  smartnas runs --db smartnas-results/results.mv.db"},
        description = "Lists the runs: status, data, candidates measured, best feasible so far, the final model's test "
                + "accuracy and directory, machines that measured them.")
final class RunsCommand extends Subcommand {
    @Mixin
    private DbOption db;

    @Mixin
    private OutputFormat format;

    @Override
    void run() {
        List<RunView> runs;
        try (ResultStore store = db.readOnly()) {
            boolean searching = H2Database.searchRunning(db.file());
            runs = store.runs().stream().map(r -> RunView.of(r, store.evaluations(r.id()), store.finalModel(r.id()),
                    searching)).toList();
        }
        Rows.print(out(), format, RunView.class, runs, "(no runs in " + db.file() + ")");
    }
}
