package io.smartnas.space.evaluation;

import java.time.Duration;
import java.time.Instant;

/**
 * A request, for the whole process, that long work stop at its next safe point: the user pressed Ctrl-C or the process
 * got SIGTERM, or the running search's deadline passed. Training and measuring check it between steps, never inside
 * one, so the engine is never torn down under a running kernel. A stop request throws
 * {@link InterruptedRunException}, and the search records the run as interrupted, ready to resume; a passed deadline
 * throws {@link TimeUpException}, and the evaluator records the candidate in flight as cut.
 */
public final class Interruption {
    private static volatile boolean requested;
    private static volatile Instant deadline;

    private Interruption() {
    }

    /** Asks every long job of this process to stop at its next safe point. */
    public static void request() {
        requested = true;
    }

    public static boolean requested() {
        return requested;
    }

    /** Sets when long work of this process must end, or clears it with null. */
    public static void deadline(Instant when) {
        deadline = when;
    }

    /** The time left to the deadline (negative once it passed), or null when none is set. */
    public static Duration timeLeft() {
        Instant when = deadline;
        return when == null ? null : Duration.between(Instant.now(), when);
    }

    /** Whether a deadline is set and has passed. */
    public static boolean timeUp() {
        Instant when = deadline;
        return when != null && !Instant.now().isBefore(when);
    }

    /**
     * A safe point: returns if no stop was asked for and no deadline has passed.
     *
     * @throws InterruptedRunException if a stop was asked for
     * @throws TimeUpException         if the deadline has passed
     */
    public static void check() {
        checkRequested();
        if (timeUp()) {
            throw new TimeUpException();
        }
    }

    /**
     * A safe point for a stop request alone.
     *
     * @throws InterruptedRunException if a stop was asked for
     */
    public static void checkRequested() {
        if (requested) {
            throw new InterruptedRunException("interrupted");
        }
    }
}
