package io.smartnas.evaluator;

/** Receives the progress of a training run, step by step; the command line draws a progress bar from it. */
@FunctionalInterface
public interface TrainingProgress {
    TrainingProgress NONE = (phase, phases, step, steps, loss) -> { };

    /**
     * @param phase  the training phase, 0-based (one phase in joint training, one per exit in exit-by-exit)
     * @param phases phases of the run
     * @param step   steps done in this phase
     * @param steps  steps of this phase
     * @param loss   the loss of the last step
     */
    void step(int phase, int phases, int step, int steps, float loss);

    /** Epoch {@code epoch} (1-based) of {@code epochs} of the current phase starts. */
    default void epoch(int epoch, int epochs) {
    }

    /** Training is done and the trained network is being measured (accuracy per exit, latency, policy). */
    default void measuring() {
    }

    /** Training and measuring are done: what follows (saving, calibrating) is no longer this run's progress. */
    default void finished() {
    }
}
