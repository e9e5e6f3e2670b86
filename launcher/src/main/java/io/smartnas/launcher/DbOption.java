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

    /** The store of an existing database, to write to (an export); a query never creates one. */
    H2ResultStore existing() {
        return H2Database.open(db, false);
    }

    /** The store of an existing database, only to read: the file is never written. */
    H2ResultStore readOnly() {
        return H2Database.openReadOnly(db);
    }

    /** The store for a search, which no other search may write to meanwhile; created when {@code create} says so. */
    H2ResultStore forSearch(boolean create) {
        return H2Database.openForSearch(db, create);
    }

    Path file() {
        return H2Database.normalise(db);
    }
}
