package io.smartnas.results;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2ResultStoreTest extends ResultStoreContract {
    @TempDir
    Path dir;

    @Override
    ResultStore newStore() {
        return H2Database.open(dir.resolve("results.mv.db"), true);
    }
}
