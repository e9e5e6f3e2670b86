package io.smartnas.launcher;


import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.smartnas.cluster.MeasuredBy;
import io.smartnas.results.ExportRecord;
import io.smartnas.results.FinalModel;
import io.smartnas.results.GenerationRecord;
import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.evaluation.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code smartnas show}: one run, its settings and its history generation by generation. */
@Command(name = "show", footer = {"  smartnas show 1"},
        description = "Shows a run: targets, settings, provenance, its history generation by generation, exports.")
final class ShowCommand extends Subcommand {
    @Parameters(paramLabel = "RUN", description = "The run id (smartnas runs lists them).")
    private long run;

    @Mixin
    private DbOption db;

    @Mixin
    private OutputFormat format;

    @Override
    void run() {
        RunSummary summary;
        List<GenerationRecord> history;
        List<ExportRecord> exports;
        List<StoredEvaluation> evaluations;
        Optional<FinalModel> model;
        try (ResultStore store = db.readOnly()) {
            summary = RunArgument.require(store, run, db.file());
            history = store.history(run);
            exports = store.exports(run);
            evaluations = store.evaluations(run);
            model = store.finalModel(run);
        }
        PrintWriter out = out();
        RunView view = RunView.of(summary, evaluations, model, H2Database.searchRunning(db.file()));
        Map<String, Integer> measuredBy = MeasuredBy.count(evaluations.stream().map(StoredEvaluation::evaluation)
                .toList());
        List<GenerationView> generations = history.stream().map(GenerationView::of).toList();
        if (format.json) {
            out.println(Json.line(new Shown(view, Json.parse(summary.settings()), Json.parse(summary.provenance()),
                    measuredBy, generations, exports.stream().map(ExportView::of).toList())));
        } else {
            out.printf("run %d: %s (%s), %s, created %s%s%n", summary.id(), summary.name(), summary.strategy(),
                    view.status(), summary.created(), summary.finished() == null ? "" : ", ended "
                            + summary.finished());
            if (RunView.KILLED.equals(view.status())) {
                out.printf("  its process ended without recording it (kill -9, a crash); smartnas search --resume %d "
                        + "--db %s continues it%n", summary.id(), db.file());
            }
            out.println("  targets: " + Json.line(view.targets()));
            out.println("  settings: " + summary.settings());
            out.println("  provenance: " + summary.provenance());
            out.printf("  %d candidate(s) measured, %d feasible, best %s%n", summary.evaluations(),
                    summary.feasible(), summary.bestConfigId() == null ? "none yet" : summary.bestConfigId()
                            + String.format(Locale.ROOT, " (validation accuracy %.4f at the search's fidelity)",
                            summary.bestAccuracy()));
            out.println("  " + finalModel(model.orElse(null)));
            measuredBy.forEach((by, count) -> out.printf("  trained on %s: %d time(s)%n", by, count));
            Rows.table(out, "  ", GenerationView.class, generations);
            exports.forEach(x -> out.printf("  exported %s %s to %s at %s%n", x.kind(), x.configId(), x.path(),
                    x.exported()));
        }
    }

    /** The run's final model in words: what it reached on the test images, and where it is. */
    private static String finalModel(FinalModel model) {
        if (model == null) {
            return "final model: none (the final training has not run, or the run ends with its search)";
        }
        Evaluation e = model.evaluation().evaluation();
        if (!e.ok()) {
            return "final model: the final training of " + e.configId() + " ended " + e.status().label() + ": "
                    + e.error();
        }
        return String.format(Locale.ROOT, "final model: %s trained again (%s), test accuracy %.4f (validation %.4f)%s",
                e.configId(), e.trained(), e.lastExit().testAccuracy(), e.lastExit().validationAccuracy(),
                model.modelDir() == null ? "" : "; in " + model.modelDir());
    }

    /**
     * What {@code --json} prints: the run, its settings and provenance, how many evaluations each worker and device
     * measured, its history and its exports.
     */
    private record Shown(@JsonUnwrapped RunView run, JsonNode settings, JsonNode provenance,
                         Map<String, Integer> measuredBy, List<GenerationView> history, List<ExportView> exports) {
    }

    private record GenerationView(int generation, int population, int evaluations, int feasible, String best,
                                  double bestAccuracy, double hypervolume) {
        static GenerationView of(GenerationRecord g) {
            return new GenerationView(g.index(), g.populationIds().size(), g.evaluations(), g.feasible(),
                    g.bestConfigId(), g.bestAccuracy(), g.hypervolume());
        }
    }

    private record ExportView(String id, String kind, String path, String exported) {
        static ExportView of(ExportRecord x) {
            return new ExportView(x.configId(), x.kind(), x.path(), x.exported().toString());
        }
    }
}
