package io.smartnas.space.evaluation;

/** The run's deadline passed: the work in flight stops at its next safe point (see {@link Interruption}). */
public final class TimeUpException extends RuntimeException {
    public TimeUpException() {
        super("the run's time is up");
    }
}
