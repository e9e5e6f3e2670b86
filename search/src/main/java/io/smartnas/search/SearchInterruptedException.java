package io.smartnas.search;

import io.smartnas.space.evaluation.InterruptedRunException;

/** A search stopped at a safe point because the user asked; its run is recorded as interrupted, ready to resume. */
public final class SearchInterruptedException extends InterruptedRunException {
    private static final long serialVersionUID = 1L;

    private final long runId;

    public SearchInterruptedException(long runId) {
        super("run " + runId + " was interrupted; everything measured so far is stored");
        this.runId = runId;
    }

    public long runId() {
        return runId;
    }
}
