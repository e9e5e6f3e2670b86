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
import io.smartnas.space.evaluation.Lineage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code smartnas candidate}: one candidate with everything known about it, from every run. */
@Command(name = "candidate", footer = {"  smartnas candidate 3802668f4f7c71f2"},
        description = "Shows one candidate: its config, its cost, and every evaluation of it in any run.")
final class CandidateCommand extends Subcommand {
    @Parameters(paramLabel = "ID", description = "The config id.")
    private String id;

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
        CandidateView view = new CandidateView(candidate.configId(), ConfigFile.toJson(candidate.network()),
                Json.parse(candidate.genome()), candidate.params(), candidate.buffers(), candidate.bytes(),
                candidate.macs(), candidate.activationBytes(), candidate.blocks(),
                predictions.stream().map(PredictionView::of).toList(),
                evaluations.stream().map(EvaluationView::of).toList());
        PrintWriter out = out();
        out.println(Json.line(view));
    }

    /** What the command prints: the candidate, its cost, its predicted latency and every evaluation of it. */
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
