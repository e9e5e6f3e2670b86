package io.smartnas.search;

import io.smartnas.results.GenerationRecord;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Lineage;

import java.time.Instant;

/** Receives a search's progress; the command line draws it as a progress bar. Calls come one at a time. */
public interface SearchProgress {
    SearchProgress NONE = new SearchProgress() {
    };

    /** The run starts (or resumes); it must end by {@code deadline}, or has no time limit when it is null. */
    default void started(Instant deadline) {
    }

    /** A generation (a batch of candidates) starts. */
    default void generation(int generation, int candidates) {
    }

    /**
     * A candidate of {@code params} parameters was measured (trained, reused or rejected; on the rung and from the
     * start {@code lineage} says) and meets the targets or not; {@code done} of {@code budget} candidates are recorded.
     */
    default void measured(Evaluation evaluation, Lineage lineage, long params, boolean feasible, int done,
                          int budget) {
    }

    /** The run keeps {@code kept} checkpoints taking {@code bytes} on disk, after deleting {@code deleted}. */
    default void checkpoints(int kept, long bytes, int deleted) {
    }

    /** A generation ended and was recorded. */
    default void recorded(GenerationRecord generation) {
    }

    /** The run's final training starts, or cannot: {@code what} says which candidate, how much, or why not. */
    default void finalTraining(String what) {
    }
}
