package io.smartnas.evaluator;

/** The training loss became NaN or infinite; the candidate ends as {@code diverged}. */
public final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
        super(message);
    }
}
