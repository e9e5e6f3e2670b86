package io.smartnas.results;

import io.smartnas.space.InvalidInputException;

/**
 * The database a user named cannot be used: missing, locked by another program, damaged, or written by a newer
 * SmartNAS. The file is left as it was.
 */
public final class DatabaseUnavailableException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
