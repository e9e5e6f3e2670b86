package io.smartnas.launcher;

import io.smartnas.results.H2Database;
import io.smartnas.results.H2ResultStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --db} option every command that reads or writes results takes. */
final class DbOption {
    @Option(names = "--db", paramLabel = "FILE", description = "The results database, an H2 file "
            + "(default: smartnas-results/results.mv.db in the working directory).")
    Path db = H2Database.DEFAULT;

    /** The store of an existing database; a query never creates one. */
    H2ResultStore existing() {
        return H2Database.open(db, false);
    }

    /** The store, created when it does not exist yet. */
    H2ResultStore createIfMissing() {
        return H2Database.open(db, true);
    }

    Path file() {
        return H2Database.normalise(db);
    }
}
