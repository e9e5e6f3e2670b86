package io.smartnas.launcher;

import io.smartnas.results.RunSummary;
import io.smartnas.space.evaluation.Targets;

/** A run as {@code smartnas runs} and {@code show} print it. */
record RunView(long run, String name, String strategy, String status, String created, String finished,
               TargetsView targets, int evaluations, int feasible, String best, double bestAccuracy) {
    /** Targets as JSON: unset ones are null. */
    record TargetsView(Long maxParams, Long maxBytes, Double maxLatencyMs, Double minAccuracy, String latencyMode) {
        static TargetsView of(Targets t) {
            return new TargetsView(t.maxParams(), t.maxBytes(), t.maxLatencyMs(), t.minAccuracy(),
                    t.latencyMode().label());
        }
    }

    static RunView of(RunSummary r) {
        return new RunView(r.id(), r.name(), r.strategy(), r.status().label(), r.created().toString(),
                r.finished() == null ? null : r.finished().toString(), TargetsView.of(r.targets()), r.evaluations(),
                r.feasible(), r.bestConfigId(), r.bestAccuracy());
    }
}
