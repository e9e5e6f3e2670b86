package io.smartnas.results;

import io.smartnas.space.InvalidInputException;

/** A statement given to a read-only query would change the database; it was not run. */
public final class ReadOnlyViolationException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyViolationException(String message) {
        super(message);
    }
}
