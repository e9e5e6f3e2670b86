package io.smartnas.launcher;


import com.fasterxml.jackson.databind.JsonNode;
import io.smartnas.cluster.MeasuredBy;
import io.smartnas.results.CandidateRecord;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.results.StoredPrediction;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Lineage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code smartnas candidate}: one candidate with everything known about it, from every run. */
@Command(name = "candidate", footer = {"  smartnas candidate 3802668f4f7c71f2",
        "  smartnas candidate 3802668f4f7c71f2 --json"},
        description = "Shows one candidate: its network and cost per exit, its predicted latency, and every "
                + "evaluation of it in any run with its accuracy and latency per exit; --json adds its config, genome, "
                + "the importance of its inputs and layers, and the provenance of each evaluation.")
final class CandidateCommand extends Subcommand {
    @Parameters(paramLabel = "ID", description = "The config id.")
    private String id;

    @Option(names = "--json", description = "Print one JSON object: everything stored of the candidate.")
    private boolean json;

    @Mixin
    private DbOption db;

    @Override
    void run() {
        CandidateRecord candidate;
        List<StoredEvaluation> evaluations;
        List<StoredPrediction> predictions;
        try (ResultStore store = db.readOnly()) {
            candidate = store.candidate(id).orElseThrow(() -> new InvalidInputException("no candidate " + id
                    + " in " + db.file()));
            evaluations = store.evaluationsOf(id);
            predictions = store.predictions(id);
        }
        PrintWriter out = out();
        if (json) {
            out.println(Json.line(new CandidateView(candidate.configId(), ConfigFile.toJson(candidate.network()),
                    Json.parse(candidate.genome()), candidate.params(), candidate.buffers(), candidate.bytes(),
                    candidate.macs(), candidate.activationBytes(), candidate.blocks(),
                    predictions.stream().map(PredictionView::of).toList(),
                    evaluations.stream().map(EvaluationView::of).toList())));
            return;
        }
        new CostReport("candidate " + candidate.configId(), candidate.network(), null).print(out);
        for (StoredPrediction p : predictions) {
            out.printf("  predicted latency on %s (profile %d), ms per image at batch size 1 through each exit: %s%n",
                    p.device(), p.profileId(), milliseconds(p.prediction().throughExitMs()));
        }
        if (evaluations.isEmpty()) {
            out.println("  no evaluation stored");
            return;
        }
        out.println("  evaluations (accuracy and latency at the last exit; 'from' is the evaluation it inherited "
                + "from):");
        Rows.table(out, "  ", EvaluationRow.class, evaluations.stream().map(EvaluationRow::of).toList());
        for (StoredEvaluation stored : evaluations) {
            Evaluation e = stored.evaluation();
            if (e.ok()) {
                out.printf("  evaluation %d per exit: %s%n", stored.id(), e.exits().stream()
                        .map(CandidateCommand::exit).collect(Collectors.joining("; ")));
                slowEarlyExit(e).ifPresent(note -> out.println("    " + note));
            } else {
                out.printf("  evaluation %d ended %s: %s%n", stored.id(), e.status().label(), e.error());
            }
        }
        out.println("  (--json for the config, the genome, the importance of inputs and layers and the provenance)");
    }

    private static String exit(ExitMetrics m) {
        return String.format(Locale.ROOT, "exit %d %.4f%s, %.3f ms", m.exit(), m.validationAccuracy(),
                Double.isNaN(m.testAccuracy()) ? "" : String.format(Locale.ROOT, " (test %.4f)", m.testAccuracy()),
                m.latencyMs());
    }

    /**
     * Why an earlier exit can be timed slower than the last one, when it was: the last exit runs everything an earlier
     * one runs but that exit's head (a pool and a linear layer), so such a figure is the timing's, not the network's.
     */
    static Optional<String> slowEarlyExit(Evaluation e) {
        ExitMetrics last = e.lastExit();
        return e.exits().stream().filter(m -> m.exit() < last.exit() && m.latencyMs() > last.latencyMs())
                .findFirst().map(m -> String.format(Locale.ROOT, "note: exit %d was timed at %.3f ms, above the "
                                + "last exit's %.3f ms, though it needs %,d of the last exit's %,d MACs (its path is "
                                + "part of the last exit's); the timing was disturbed (load average %s, other cores "
                                + "busy %s during it): time it again with smartnas bench", m.exit(), m.latencyMs(),
                        last.latencyMs(), m.macs(), last.macs(),
                        e.provenance().getOrDefault("latency_load_average", "?"),
                        e.provenance().getOrDefault("latency_other_cores", "?")));
    }

    private static String milliseconds(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(Collectors.joining(", "));
    }

    /** One evaluation as a row of the readable view. */
    private record EvaluationRow(long evaluation, long run, String status, int rung, String trained, String from,
                                 String measuredBy, String started, long seconds, Double accuracy,
                                 Double testAccuracy, Double latencyMs) {
        static EvaluationRow of(StoredEvaluation stored) {
            Evaluation e = stored.evaluation();
            Lineage l = stored.lineage();
            ExitMetrics last = e.ok() ? e.lastExit() : null;
            return new EvaluationRow(stored.id(), stored.runId(), e.status().label(), l.rung(), e.trained(),
                    l.startedFrom() == null ? null : l.startedFrom() + " (" + l.inheritedGroups() + " group(s))",
                    MeasuredBy.of(e), e.started().toString(), Duration.between(e.started(), e.finished())
                    .toSeconds(), last == null ? null : last.validationAccuracy(),
                    last == null || Double.isNaN(last.testAccuracy()) ? null : last.testAccuracy(),
                    last == null ? null : last.latencyMs());
        }
    }

    /** What {@code --json} prints: the candidate, its cost, its predicted latency and every evaluation of it. */
    private record CandidateView(String id, JsonNode config, JsonNode genome, long params, long buffers, long bytes,
                                 long macs, long activationBytes, int blocks,
                                 List<PredictionView> predictedLatency,
                                 List<EvaluationView> evaluations) {
    }

    /** Latency per exit predicted under one device profile, beside the measured latency of the evaluations. */
    private record PredictionView(long profile, String device, double[] latencyMs, double[] leavingAtMs) {
        static PredictionView of(StoredPrediction stored) {
            return new PredictionView(stored.profileId(), stored.device(), stored.prediction().throughExitMs(),
                    stored.prediction().leavingAtMs());
        }
    }

    /**
     * One evaluation: with its rung, the checkpoint it left (while kept), the evaluation it started from with how
     * many exit groups it took (null and 0 from scratch), the worker and device that measured it, and how much the
     * trained network used each of its inputs and layers.
     */
    private record EvaluationView(long evaluation, long run, String status, int epochs, int subset, int rung,
                                  String checkpoint, Long startedFrom, int inheritedGroups, String measuredBy,
                                  String device, String started, String finished, String error, JsonNode exits,
                                  JsonNode importance, JsonNode provenance) {
        static EvaluationView of(StoredEvaluation stored) {
            Evaluation e = stored.evaluation();
            Lineage l = stored.lineage();
            return new EvaluationView(stored.id(), stored.runId(), e.status().label(), e.fidelity().epochs(),
                    e.fidelity().subset(), l.rung(), l.checkpoint(), l.startedFrom(), l.inheritedGroups(),
                    MeasuredBy.of(e), e.device(), e.started().toString(), e.finished().toString(), e.error(),
                    EvaluationJson.exits(e), EvaluationJson.importance(e.importance()), EvaluationJson.provenance(e));
        }
    }
}
