package io.smartnas.space.evaluation;

/** Long work stopped at a safe point because the user asked (see {@link Interruption}); nothing half-done was kept. */
public class InterruptedRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InterruptedRunException(String message) {
        super(message);
    }
}
