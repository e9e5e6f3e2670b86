package io.smartnas.launcher;

import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code smartnas runs}: every run of a results database, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas runs --db smartnas-results/results.mv.db"},
        description = "Lists the runs: status, candidates measured, best feasible so far.")
final class RunsCommand implements Callable<Integer> {
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
        Rows.print(spec.commandLine().getOut(), format, RunView.class, runs.stream().map(RunView::of).toList(),
                "(no runs in " + db.file() + ")");
        return ExitCodes.OK;
    }
}
