package io.smartnas.space.run;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Fidelity;

import java.time.Duration;

/**
 * A run's last step: its best candidate (or, when none meets the targets, the closest that trained) trained again at a
 * higher fidelity, measured once on the test images, and kept as a model directory. JSON form:
 * {@code {"epochs": 1, "subset": 0, "time": "50%"}}.
 *
 * @param epochs passes over the training images, at least 1
 * @param subset training images, or 0 for the whole training split
 * @param time   the part of the run's time kept for this step, a share like {@code 50%} or a duration like
 *               {@code 6m}: the search itself ends that long before the run's deadline, and the step trains on fewer
 *               images than its fidelity says when they would not fit; null or ignored when the run has no time
 *               budget
 */
public record FinalTraining(int epochs, int subset, String time) {
    /** The {@code epochs} that asks for as many whole passes as fit in the step's time. */
    public static final int FILL = 0;

    public FinalTraining {
        if (epochs < 0) {
            throw new InvalidInputException("final_training.epochs must be at least 1, or 0 for as many as fit in its "
                    + "time, got " + epochs);
        }
    }

    /** Whether the step trains as many whole passes as fit in its time rather than a fixed number. */
    public boolean fillsTime() {
        return epochs == FILL;
    }

    /**
     * The most training the step gives: its epochs, or {@code fitting} of them when it fills its time.
     *
     * @param fitting the whole passes that fit in the step's time, at least 1; used only when {@link #fillsTime()}
     */
    public Fidelity fidelity(int fitting) {
        return new Fidelity(fillsTime() ? fitting : epochs, subset);
    }

    /**
     * The part of {@code runTime} kept for the step; zero when the run has no time budget or none is kept.
     *
     * @throws io.smartnas.space.InvalidInputException if {@code time} is neither a share below 100% nor a duration
     */
    public Duration reserve(Duration runTime) {
        if (time == null || runTime == null) {
            return Duration.ZERO;
        }
        String t = time.strip();
        if (!t.endsWith("%")) {
            return Durations.parse(t);
        }
        double percent;
        try {
            percent = Double.parseDouble(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            percent = Double.NaN;
        }
        if (!(percent >= 0 && percent < 100)) {
            throw new InvalidInputException("time must be a share below 100% or a duration, got '" + time + "'");
        }
        return Duration.ofMillis(Math.round(runTime.toMillis() * percent / 100));
    }
}
