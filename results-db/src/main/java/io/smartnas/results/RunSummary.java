package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;

import java.time.Instant;

/**
 * A run as the run list shows it.
 *
 * @param evaluations  evaluations recorded in the run, whatever their status, but those cut at the run's deadline
 * @param feasible     distinct candidates that met the run's targets
 * @param bestConfigId the best feasible candidate so far (highest accuracy, then lowest latency), or null
 * @param bestAccuracy its validation accuracy at the last exit, or NaN
 * @param finished     when it ended, or null while it runs or after it was killed
 */
public record RunSummary(long id, String name, String strategy, RunStatus status, Instant created, Instant finished,
                         Targets targets, String settings, String provenance, int evaluations, int feasible,
                         String bestConfigId, double bestAccuracy) {
}
