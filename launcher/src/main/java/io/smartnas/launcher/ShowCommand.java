package io.smartnas.launcher;

import io.smartnas.space.config.EvaluationJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.ExportRecord;
import io.smartnas.results.GenerationRecord;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code smartnas show}: one run, its settings and its history generation by generation. */
@Command(name = "show", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas show 1"},
        description = "Shows a run: targets, settings, provenance, its history generation by generation, exports.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (smartnas runs lists them).")
    private long run;

    @Mixin
    private DbOption db;

    @Mixin
    private OutputFormat format;

    @Override
    public Integer call() {
        RunSummary summary;
        List<GenerationRecord> history;
        List<ExportRecord> exports;
        try (ResultStore store = db.readOnly()) {
            summary = RunArgument.require(store, run, db.file());
            history = store.history(run);
            exports = store.exports(run);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            ObjectNode root = RunJson.summary(summary);
            root.set("settings", RunJson.parse(summary.settings()));
            root.set("provenance", RunJson.parse(summary.provenance()));
            ArrayNode generations = root.putArray("history");
            history.forEach(g -> {
                ObjectNode node = generations.addObject().put("generation", g.index())
                        .put("evaluations", g.evaluations()).put("feasible", g.feasible())
                        .put("best", g.bestConfigId());
                EvaluationJson.number(node, "best_accuracy", g.bestAccuracy());
                EvaluationJson.number(node, "hypervolume", g.hypervolume());
                node.put("population", g.populationIds().size());
            });
            ArrayNode files = root.putArray("exports");
            exports.forEach(x -> files.addObject().put("id", x.configId()).put("kind", x.kind())
                    .put("path", x.path()).put("exported", x.exported().toString()));
            out.println(Json.line(root));
        } else {
            out.printf("run %d: %s (%s), %s, created %s%s%n", summary.id(), summary.name(), summary.strategy(),
                    summary.status().label(), summary.created(),
                    summary.finished() == null ? "" : ", ended " + summary.finished());
            out.println("  targets: " + Json.line(RunJson.targets(summary.targets())));
            out.println("  settings: " + summary.settings());
            out.println("  provenance: " + summary.provenance());
            out.printf("  %d evaluation(s), %d feasible, best %s%n", summary.evaluations(), summary.feasible(),
                    summary.bestConfigId() == null ? "none yet" : summary.bestConfigId() + String.format(Locale.ROOT,
                            " (accuracy %.4f)", summary.bestAccuracy()));
            Table table = new Table("generation", "population", "evaluations", "feasible", "best", "best_accuracy",
                    "hypervolume");
            history.forEach(g -> table.row(g.index(), g.populationIds().size(), g.evaluations(), g.feasible(),
                    g.bestConfigId() == null ? "-" : g.bestConfigId(), decimal(g.bestAccuracy()),
                    decimal(g.hypervolume())));
            table.print(out, "  ");
            exports.forEach(x -> out.printf("  exported %s %s to %s at %s%n", x.kind(), x.configId(), x.path(),
                    x.exported()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
