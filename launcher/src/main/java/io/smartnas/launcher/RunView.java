package io.smartnas.launcher;

import io.smartnas.cluster.MeasuredBy;
import io.smartnas.results.FinalModel;
import io.smartnas.results.RunStatus;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Targets;

import java.util.List;
import java.util.Optional;

/**
 * A run as {@code smartnas runs} and {@code show} print it: what it searched (its data), what it found (the best's
 * validation accuracy at the search's fidelity; its final model's test accuracy and directory), and how many machines
 * measured its evaluations (the search's own and its cluster's workers).
 */
record RunView(long run, String name, String strategy, String status, String created, String finished,
               String data, TargetsView targets, int evaluations, int feasible, String best, double bestAccuracy,
               double testAccuracy, String model, int workers) {
    /** Targets as JSON: unset ones are null. */
    record TargetsView(Long maxParams, Long maxBytes, Double maxLatencyMs, Double minAccuracy, String latencyMode) {
        static TargetsView of(Targets t) {
            return new TargetsView(t.maxParams(), t.maxBytes(), t.maxLatencyMs(), t.minAccuracy(),
                    t.latencyMode().label());
        }
    }

    /** What {@code status} says of a run stored as running whose process is gone (kill -9, a crash, power lost). */
    static final String KILLED = "killed";

    /**
     * @param searching whether a search is writing to the run's database now; without one, a run stored as running
     *                  was killed, and its status says {@value #KILLED}
     */
    static RunView of(RunSummary r, List<StoredEvaluation> evaluations, Optional<FinalModel> model,
                      boolean searching) {
        Evaluation tested = model.map(m -> m.evaluation().evaluation()).filter(Evaluation::ok).orElse(null);
        String status = r.status() == RunStatus.RUNNING && !searching ? KILLED : r.status().label();
        return new RunView(r.id(), r.name(), r.strategy(), status, r.created().toString(),
                r.finished() == null ? null : r.finished().toString(), Json.parse(r.settings()).path("data")
                .asText(null), TargetsView.of(r.targets()), r.evaluations(), r.feasible(), r.bestConfigId(),
                r.bestAccuracy(), tested == null ? Double.NaN : tested.lastExit().testAccuracy(),
                model.map(FinalModel::modelDir).orElse(null), MeasuredBy.workers(evaluations.stream()
                .map(StoredEvaluation::evaluation).toList()));
    }
}
