package io.smartnas.space.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A request that long work stop at its next safe point, and the deadline it must end by, read on a clock: the user
 * pressed Ctrl-C or the process got SIGTERM, or the running search's deadline passed. Training and measuring check it
 * between steps, never inside one, so the engine is never torn down under a running kernel. A stop request throws
 * {@link InterruptedRunException}, and the search records the run as interrupted, ready to resume; a passed deadline
 * throws {@link TimeUpException}, and the evaluator records the candidate in flight as cut.
 *
 * <p>A signal reaches the process as a whole, so the process has one ({@link #process()}, on the system clock), which
 * the command line's signal handlers request and the engine checks; a search is given the one it runs under, so that a
 * test can run it on a clock of its own making instead of waiting for real time to pass.
 */
public final class Interruption {
    private static final Interruption PROCESS = new Interruption(Clock.systemUTC());

    private final Clock clock;
    private volatile boolean requested;
    private volatile Instant deadline;

    /** An interruption of its own, read on {@code clock}: for work that a test drives on a clock it controls. */
    public Interruption(Clock clock) {
        this.clock = clock;
    }

    /** The process's own, on the system clock: what Ctrl-C and SIGTERM request, what the engine checks. */
    public static Interruption process() {
        return PROCESS;
    }

    /** The clock deadlines are read on. */
    public Clock clock() {
        return clock;
    }

    /** Asks the long work under this interruption to stop at its next safe point. */
    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** Sets when the long work under this interruption must end, or clears it with null. */
    public void deadline(Instant when) {
        deadline = when;
    }

    /** The time left to the deadline (negative once it passed), or null when none is set. */
    public Duration timeLeft() {
        Instant when = deadline;
        return when == null ? null : Duration.between(clock.instant(), when);
    }

    /** Whether a deadline is set and has passed. */
    public boolean timeUp() {
        Instant when = deadline;
        return when != null && !clock.instant().isBefore(when);
    }

    /**
     * A safe point: returns if no stop was asked for and no deadline has passed.
     *
     * @throws InterruptedRunException if a stop was asked for
     * @throws TimeUpException         if the deadline has passed
     */
    public void check() {
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
    public void checkRequested() {
        if (requested) {
            throw new InterruptedRunException("interrupted");
        }
    }
}
