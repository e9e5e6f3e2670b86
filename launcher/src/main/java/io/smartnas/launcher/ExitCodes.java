package io.smartnas.launcher;

/** Exit codes of every command. */
public final class ExitCodes {
    /** Done as asked. */
    public static final int OK = 0;
    /** Something went wrong that is not the user's input (an engine error, a full disk). */
    public static final int FAILURE = 1;
    /** The user's input is wrong: an option, a file, a target. Nothing was done with it. */
    public static final int BAD_INPUT = 2;
    /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it), at a safe point. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
