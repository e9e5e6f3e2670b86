package io.smartnas.launcher;

import io.smartnas.cluster.MeasuredBy;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.evaluation.Targets;

import java.util.List;

/**
 * A run as {@code smartnas runs} and {@code show} print it, with how many machines measured its evaluations (the
 * search's own and its cluster's workers).
 */
record RunView(long run, String name, String strategy, String status, String created, String finished,
               TargetsView targets, int evaluations, int feasible, String best, double bestAccuracy, int workers) {
    /** Targets as JSON: unset ones are null. */
    record TargetsView(Long maxParams, Long maxBytes, Double maxLatencyMs, Double minAccuracy, String latencyMode) {
        static TargetsView of(Targets t) {
            return new TargetsView(t.maxParams(), t.maxBytes(), t.maxLatencyMs(), t.minAccuracy(),
                    t.latencyMode().label());
        }
    }

    static RunView of(RunSummary r, List<StoredEvaluation> evaluations) {
        return new RunView(r.id(), r.name(), r.strategy(), r.status().label(), r.created().toString(),
                r.finished() == null ? null : r.finished().toString(), TargetsView.of(r.targets()), r.evaluations(),
                r.feasible(), r.bestConfigId(), r.bestAccuracy(), MeasuredBy.workers(evaluations.stream()
                .map(StoredEvaluation::evaluation).toList()));
    }
}
