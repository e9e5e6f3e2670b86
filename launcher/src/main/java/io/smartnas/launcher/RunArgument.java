package io.smartnas.launcher;

import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import io.smartnas.space.InvalidInputException;

import java.nio.file.Path;

/** Looks up the run a command names, with a clear message when there is none. */
final class RunArgument {
    private RunArgument() {
    }

    static RunSummary require(ResultStore store, long run, Path db) {
        return store.run(run).orElseThrow(() -> new InvalidInputException("no run " + run + " in " + db
                + " (smartnas runs lists them)"));
    }
}
