package io.smartnas.results;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** The reader account cannot reach the file system or the network, whatever the query. */
    @ParameterizedTest
    @ValueSource(strings = {"SELECT LENGTH(FILE_READ('/etc/passwd'))",
            "SELECT FILE_WRITE(STRINGTOUTF8('x'), '%s/owned.txt')",
            "SELECT * FROM CSVREAD('/etc/passwd')",
            "SELECT CSVWRITE('%s/owned.txt', 'SELECT 1')",
            "SELECT * FROM LINK_SCHEMA('s', '', 'jdbc:h2:mem:x', 'sa', '', 'PUBLIC')",
            "RUNSCRIPT FROM '%s/owned.txt'",
            "SCRIPT TO '%s/owned.txt'",
            "CREATE ALIAS EXEC FOR 'java.lang.Runtime.exec'",
            "SELECT DISK_SPACE_USED('RUNS'), CANCEL_SESSION(1)"})
    void fileNetworkAndJavaFunctionsAreRefused(String sql) {
        String statement = sql.replace("%s", dir.toString());
        assertThrows(ReadOnlyViolationException.class, () -> ReadOnlyQuery.run(db, statement), statement);
        assertTrue(Files.notExists(dir.resolve("owned.txt")), statement);
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
            assertTrue(store.lookup("x' OR '1'='1", Samples.FIDELITY, "cpu").isEmpty());
            assertTrue(store.candidate("'; DROP TABLE runs; --").isEmpty());
        }
        assertOneRun();
    }

    @Test
    void commentMarksInsideStringsAreValuesNotComments() {
        ReadOnlyQuery.Answer answer = ReadOnlyQuery.run(db, "-- a comment\nSELECT 'a--b', '/* c */'");
        assertEquals(List.of(List.of("a--b", "/* c */")), answer.rows());
    }

    @Test
    void anAnswerIsCutAtTheRowLimit() {
        ReadOnlyQuery.Answer answer = ReadOnlyQuery.run(db, "SELECT X FROM SYSTEM_RANGE(1, 100)",
                new ReadOnlyQuery.Limits(10, 7));
        assertEquals(7, answer.rows().size());
        assertTrue(answer.cut());
    }

    @Test
    void aQueryPastItsTimeLimitIsCancelled() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReadOnlyQuery.run(db,
                "SELECT X FROM SYSTEM_RANGE(1, 1000000000) ORDER BY X DESC LIMIT 1", new ReadOnlyQuery.Limits(1,
                        10)));
        assertTrue(e.getMessage().contains("past its time limit of 1 s"), e.getMessage());
    }

    @Test
    void readingNeverChangesTheFile() throws Exception {
        byte[] before = Files.readAllBytes(db);
        var modified = Files.getLastModifiedTime(db);
        ReadOnlyQuery.run(db, "SELECT * FROM runs");
        try (ResultStore store = H2Database.openReadOnly(db)) {
            assertEquals(1, store.runs().size());
        }
        assertArrayEquals(before, Files.readAllBytes(db));
        assertEquals(modified, Files.getLastModifiedTime(db));
    }

    private void assertOneRun() {
        try (ResultStore store = H2Database.open(db, false)) {
            assertEquals(1, store.runs().size());
        }
    }
}
