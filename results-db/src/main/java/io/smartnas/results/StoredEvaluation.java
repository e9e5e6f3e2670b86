package io.smartnas.results;

import io.smartnas.space.evaluation.Evaluation;

/** An evaluation as stored: its id and run. */
public record StoredEvaluation(long id, long runId, Evaluation evaluation) {
}
