package io.smartnas.results;

import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Lineage;

/** An evaluation as stored: its id, run, and where its training started and left its network. */
public record StoredEvaluation(long id, long runId, Evaluation evaluation, Lineage lineage) {
    /** An evaluation trained from scratch on the lowest rung, keeping no checkpoint. */
    public StoredEvaluation(long id, long runId, Evaluation evaluation) {
        this(id, runId, evaluation, Lineage.SCRATCH);
    }
}
