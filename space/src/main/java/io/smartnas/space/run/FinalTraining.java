package io.smartnas.space.run;

import io.smartnas.space.evaluation.Fidelity;

import java.time.Duration;

/**
 * A run's last step: its best candidate (or, when none meets the targets, the closest that trained) trained again at a
 * higher fidelity, measured once on the test images, and kept as a model directory. JSON form:
 * {@code {"epochs": 1, "subset": 0, "time": "6m"}}.
 *
 * @param epochs passes over the training images, at least 1
 * @param subset training images, or 0 for the whole training split
 * @param time   the part of the run's time kept for this step, like {@code 6m}: the search itself ends that long
 *               before the run's deadline, and the step trains on fewer images than its fidelity says when the
 *               candidate's measured speed says that they would not fit; null when the run has no time budget
 */
public record FinalTraining(int epochs, int subset, String time) {
    /** The most training the step gives. */
    public Fidelity fidelity() {
        return new Fidelity(epochs, subset);
    }

    /** The part of the run's time kept for the step; zero when none is. */
    public Duration reserve() {
        return time == null ? Duration.ZERO : RunDescription.duration(time);
    }
}
