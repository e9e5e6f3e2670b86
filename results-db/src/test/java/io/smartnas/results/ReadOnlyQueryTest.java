package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlyQueryTest {
    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void aDatabaseWithOneRun() {
        db = dir.resolve("results.mv.db");
        try (ResultStore store = H2Database.open(db, true)) {
            store.createRun(Samples.run("first", Targets.NONE));
        }
    }

    @Test
    void queriesAnswerWithColumnsAndRows() {
        ReadOnlyQuery.Answer answer = ReadOnlyQuery.run(db, "SELECT id, name FROM runs");
        assertEquals(List.of("id", "name"), answer.columns());
        assertEquals(List.of(List.of("1", "first")), answer.rows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM runs", "drop table runs", "UPDATE runs SET name = 'x'",
            "/* a comment */ INSERT INTO runs (name) VALUES ('x')", "CALL 1", "SET WRITE_DELAY 1000"})
    void statementsThatWriteAreRefusedBeforeTheyRun(String sql) {
        assertThrows(ReadOnlyViolationException.class, () -> ReadOnlyQuery.run(db, sql));
        assertOneRun();
    }

    @Test
    void aQueryThatWritesInsideIsStoppedByTheDatabaseItself() {
        ReadOnlyViolationException e = assertThrows(ReadOnlyViolationException.class,
                () -> ReadOnlyQuery.run(db, "SELECT * FROM OLD TABLE (DELETE FROM runs)"));
        assertTrue(e.getMessage().contains("may only read"), e.getMessage());
        assertOneRun();
    }

    @Test
    void userInputReachesQueriesAsParametersOnly() {
        try (ResultStore store = H2Database.open(db, false)) {
            assertTrue(store.lookup("x' OR '1'='1", Samples.FIDELITY).isEmpty());
            assertTrue(store.candidate("'; DROP TABLE runs; --").isEmpty());
        }
        assertOneRun();
    }

    private void assertOneRun() {
        try (ResultStore store = H2Database.open(db, false)) {
            assertEquals(1, store.runs().size());
        }
    }
}
