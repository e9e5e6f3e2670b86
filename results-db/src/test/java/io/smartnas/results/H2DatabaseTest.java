package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDatabaseIsNotCreatedByAQuery() {
        Path db = dir.resolve("absent.mv.db");
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.open(db, false));
        assertTrue(e.getMessage().contains("no results database here"), e.getMessage());
        assertTrue(Files.notExists(db));
    }

    @Test
    void theSuffixIsOptional() {
        H2Database.open(dir.resolve("results"), true).close();
        assertTrue(Files.exists(dir.resolve("results.mv.db")));
        H2Database.open(dir.resolve("results.mv.db"), false).close();
    }

    @Test
    void aDamagedFileIsNamedAndLeftAsItIs() throws Exception {
        Path db = dir.resolve("results.mv.db");
        byte[] garbage = "this is not an H2 database, it only has the name of one\n".repeat(200).getBytes();
        Files.write(db, garbage);
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.open(db, false));
        assertTrue(e.getMessage().startsWith(db + ": "), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(db));
    }

    @Test
    void aDatabaseFromANewerSmartNasIsRefusedAndKept() throws Exception {
        Path db = dir.resolve("results.mv.db");
        try (ResultStore store = H2Database.open(db, true)) {
            store.createRun(Samples.run("old", Targets.NONE));
        }
        try (Connection admin = DriverManager.getConnection(jdbc(db), H2Database.ADMIN, H2Database.ADMIN_PASSWORD);
             Statement sql = admin.createStatement()) {
            sql.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                    + "\"success\") VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'someone', 1, TRUE)");
        }
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.open(db, true));
        assertTrue(e.getMessage().contains("written by a newer SmartNAS (schema version 99"), e.getMessage());
        try (Connection admin = DriverManager.getConnection(jdbc(db), H2Database.ADMIN, H2Database.ADMIN_PASSWORD);
             Statement sql = admin.createStatement();
             var rows = sql.executeQuery("SELECT COUNT(*) FROM runs")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the data is still there");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDatabaseLockedByAnotherProgramIsReportedAsLocked() throws Exception {
        Path db = dir.resolve("results.mv.db");
        H2Database.open(db, true).close();
        Process holder = Jvm.start(LockHolderProcess.class, db.toString());
        try (BufferedReader out = Jvm.output(holder)) {
            assertEquals("holding", out.readLine());
            DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                    () -> H2Database.open(db, false));
            assertTrue(e.getMessage().contains("locked by another program"), e.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    private static String jdbc(Path db) {
        String path = db.toAbsolutePath().toString();
        return "jdbc:h2:file:" + path.substring(0, path.length() - ".mv.db".length());
    }
}
