package io.smartnas.results;

/** The store failed to do what was asked (a disk error, a dropped connection); nothing is half-written. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
