package io.smartnas.launcher;

import io.smartnas.results.Figure;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Targets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code smartnas query}: the best, the Pareto front or the top of a run, under its targets or others. */
@Command(name = "query", footer = {"  smartnas query 1 --pareto --max-latency-ms 3 --csv"},
        description = "Asks a run for its best candidates, its Pareto front (accuracy, latency, memory) or its top K "
                + "by a figure; targets given here override the run's.")
final class QueryCommand extends Subcommand {
    @Parameters(paramLabel = "RUN", description = "The run id (smartnas runs lists them).")
    private long run;

    @ArgGroup(multiplicity = "1")
    private Question question;

    static final class Question {
        @Option(names = "--best", description = "The best candidates: feasible first, then accuracy, then latency.")
        boolean best;

        @Option(names = "--pareto", description = "The Pareto front, feasible candidates first.")
        boolean pareto;

        @Option(names = "--top", paramLabel = "K", description = "The K best by --by.")
        Integer top;
    }

    @Option(names = "--by", defaultValue = "accuracy", paramLabel = "FIGURE",
            description = "The figure of --top: accuracy (validation), latency_ms, anytime_latency_ms, params, "
                    + "bytes or macs (default ${DEFAULT-VALUE}).")
    private String by;

    @Option(names = "--limit", defaultValue = "10", description = "At most this many candidates for --best "
            + "(default ${DEFAULT-VALUE}).")
    private int limit;

    @Mixin
    private TargetOptions targets;

    @Mixin
    private DbOption db;

    @Mixin
    private OutputFormat format;

    @Override
    void run() {
        Targets now = targets.targets();
        if (limit < 1) {
            throw new InvalidInputException("--limit must be at least 1, got " + limit);
        }
        List<Measured> answer;
        try (ResultStore store = db.readOnly()) {
            RunArgument.require(store, run, db.file());
            if (question.best) {
                answer = store.best(run, now, limit);
            } else if (question.pareto) {
                answer = store.pareto(run, now);
            } else {
                answer = store.top(run, figure(), question.top, now);
            }
        }
        Rows.print(out(), format, MeasuredView.class,
                answer.stream().map(MeasuredView::of).toList(), "(no candidates)");
    }

    private Figure figure() {
        if (question.top < 1) {
            throw new InvalidInputException("--top must be at least 1, got " + question.top);
        }
        try {
            return Figure.ofLabel(by);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--by: " + e.getMessage());
        }
    }
}
