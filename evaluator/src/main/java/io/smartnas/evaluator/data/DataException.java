package io.smartnas.evaluator.data;

import io.smartnas.space.InvalidInputException;

/** A data file is missing, truncated or not what it claims to be; the message names the file and the problem. */
public final class DataException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
