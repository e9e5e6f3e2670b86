package io.smartnas.space.evaluation;

/**
 * A request, for the whole process, that long work stop at its next safe point (the user pressed Ctrl-C, or the
 * process got SIGTERM). Training and measuring check it between steps, never inside one, so the engine is never torn
 * down under a running kernel; whoever sees it throws {@link InterruptedRunException}, and the search records the run
 * as interrupted, ready to resume.
 */
public final class Interruption {
    private static volatile boolean requested;

    private Interruption() {
    }

    /** Asks every long job of this process to stop at its next safe point. */
    public static void request() {
        requested = true;
    }

    public static boolean requested() {
        return requested;
    }

    /**
     * A safe point: returns if no stop was asked for.
     *
     * @throws InterruptedRunException if one was
     */
    public static void check() {
        if (requested) {
            throw new InterruptedRunException("interrupted");
        }
    }
}
