package io.smartnas.space;

/**
 * Something a user gave (a file, an option, a target) is wrong. The message says what and where, in words a
 * user can act on; the command line turns it into exit code 2 without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
