package io.smartnas.results;

import io.smartnas.space.config.StoredFiles;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Tag("slow")
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
        assertTrue(Files.notExists(DatabaseSecret.fileOf(db)), "no secret for a database that was not made");
    }

    @Test
    void theSuffixIsOptional() {
        H2Database.open(dir.resolve("results"), true).close();
        assertTrue(Files.exists(dir.resolve("results.mv.db")));
        H2Database.open(dir.resolve("results.mv.db"), false).close();
    }

    @Test
    void aDeviceOrADirectoryGivenAsTheDatabaseIsRefusedBeforeAnythingIsCreated() throws Exception {
        DatabaseUnavailableException device = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.openForSearch(Path.of("/dev/full"), true));
        assertTrue(device.getMessage().contains("/dev/full: not a regular file"), device.getMessage());
        assertFalse(Files.exists(Path.of("/dev/full.mv.db")));
        assertFalse(Files.exists(Path.of("/dev/full.mv.db.search.lock")));
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        DatabaseUnavailableException folder = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.openForSearch(directory, true));
        assertTrue(folder.getMessage().contains("a directory, not a results database"), folder.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("a-directory"), files.map(f -> f.getFileName().toString()).toList(),
                    "no trace, lock or database file beside it");
        }
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
    void aDatabaseThatNoLongerMatchesTheChecksumRecordedWhenItClosedIsNamedDamagedAndLeftAsItIs() throws Exception {
        Path db = dir.resolve("checked.mv.db");
        Path sums = dir.resolve(StoredFiles.SUMS);
        try (ResultStore store = H2Database.openForSearch(db, true)) {
            store.createRun(Samples.run("checked", Targets.NONE));
            assertFalse(Files.exists(sums) && Files.readString(sums).contains("checked.mv.db"),
                    "no checksum while a search writes it");
        }
        assertTrue(Files.readString(sums).contains("  checked.mv.db"), "its checksum once closed");
        try (H2ResultStore reader = H2Database.openReadOnly(db)) {
            assertEquals(1, reader.runs().size(), "a file that matches opens");
        }
        byte[] whole = Files.readAllBytes(db);
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
        Files.write(db, half);
        for (org.junit.jupiter.api.function.Executable open : List.<org.junit.jupiter.api.function.Executable>of(
                () -> H2Database.openReadOnly(db).close(), () -> H2Database.open(db, false).close(),
                () -> H2Database.openForSearch(db, false).close(), () -> H2Database.reader(db).close())) {
            DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class, open);
            assertTrue(e.getMessage().contains("checked.mv.db: damaged"), e.getMessage());
        }
        assertArrayEquals(half, Files.readAllBytes(db), "nothing was written to it");
    }

    @Test
    void aDatabaseFromANewerSmartNasIsRefusedAndKept() throws Exception {
        Path db = dir.resolve("results.mv.db");
        try (ResultStore store = H2Database.open(db, true)) {
            store.createRun(Samples.run("old", Targets.NONE));
        }
        try (Connection admin = DriverManager.getConnection(jdbc(db), H2Database.ADMIN, admin(db));
             Statement sql = admin.createStatement()) {
            sql.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                    + "\"success\") VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'someone', 1, TRUE)");
        }
        StoredFiles.record(db); // as the newer SmartNAS that wrote it does on closing it
        byte[] before = Files.readAllBytes(db);
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.open(db, true));
        assertTrue(e.getMessage().contains("written by a newer SmartNAS (schema version 99"), e.getMessage());
        assertThrows(DatabaseUnavailableException.class, () -> H2Database.openForSearch(db, false));
        assertArrayEquals(before, Files.readAllBytes(db), "the file was not changed, as the message says");
        try (Connection admin = DriverManager.getConnection(jdbc(db), H2Database.ADMIN, admin(db));
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
            assertTrue(e.getMessage().contains("in use by another program"), e.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void aSecondSearchOnTheSameDatabaseIsRefusedWhileTheFirstRunsAndTheLockGoesWithTheFirst() throws Exception {
        Path db = dir.resolve("results.mv.db");
        Path lock = dir.resolve("results.mv.db.search.lock");
        try (H2ResultStore first = H2Database.openForSearch(db, true)) {
            assertTrue(H2Database.searchRunning(db), "a search is writing to it");
            DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                    () -> H2Database.openForSearch(db, false));
            assertTrue(e.getMessage().contains("another search is writing to it (process "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
            try (H2ResultStore reader = H2Database.openReadOnly(db)) {
                assertEquals(0, reader.runs().size(), "reading is not refused");
            }
        }
        assertFalse(Files.exists(lock), "no lock naming an ended search is left behind");
        assertFalse(H2Database.searchRunning(db));
        Files.writeString(lock, "process 1"); // as kill -9 leaves it: a file no process holds
        assertFalse(H2Database.searchRunning(db), "a lock file no process holds is no search");
        Files.writeString(lock, "process 999999999"); // left by a search killed with -9
        H2Database.openForSearch(db, false).close();
        assertFalse(Files.exists(lock), "taken over, then gone");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSearchStartingWhileACommandReadsTheFileWaitsForItInsteadOfFailing() throws Exception {
        Path db = dir.resolve("results.mv.db");
        H2Database.open(db, true).close();
        Process reader = Jvm.start(SlowReaderProcess.class, db.toString());
        try (BufferedReader out = Jvm.output(reader)) {
            String line = out.readLine();
            while (line != null && !line.equals("reading")) {
                line = out.readLine(); // the engine's log lines
            }
            assertEquals("reading", line);
            try (H2ResultStore search = H2Database.openForSearch(db, false)) {
                assertEquals(0, search.runs().size());
            }
        } finally {
            reader.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anEmptyFileIsRefusedAndLeftEmpty() throws Exception {
        Path db = Files.createFile(dir.resolve("results.mv.db"));
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.openReadOnly(db));
        assertTrue(e.getMessage().contains("an empty file"), e.getMessage());
        assertThrows(DatabaseUnavailableException.class, () -> H2Database.open(db, false));
        assertEquals(0, Files.size(db));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aFullDiskIsNamedAsSuchAndWhatWasStoredBeforeIsKept() throws Exception {
        Path disk = smallDisk("small-disk", "3m");
        try {
            Path db = disk.resolve("results.mv.db");
            List<Long> stored = new ArrayList<>();
            long[] run = new long[1];
            ResultStore store = H2Database.open(db, true);
            run[0] = store.createRun(Samples.run("fills the disk", Targets.NONE));
            StoreException full = assertThrows(StoreException.class, () -> {
                for (int i = 0; ; i++) {
                    var config = Samples.config(i);
                    store.putCandidate(Samples.candidate(config));
                    stored.add(store.addEvaluation(run[0], Samples.ok(config, Samples.FIDELITY, 0.5, 1)));
                }
            });
            assertTrue(full.getMessage().contains("is full"), full.getMessage());
            StoreException closing = assertThrows(StoreException.class, store::close);
            assertTrue(closing.getMessage().contains("is full"), closing.getMessage());
            Path copy = dir.resolve("copy.mv.db");
            Files.copy(db, copy);
            Files.copy(DatabaseSecret.fileOf(db), DatabaseSecret.fileOf(copy));
            try (ResultStore reader = H2Database.openReadOnly(copy)) {
                List<Long> found = reader.evaluations(run[0]).stream().map(StoredEvaluation::id).toList();
                assertTrue(found.containsAll(stored), "every evaluation whose write returned is kept");
            }
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDiskThatFillsUpBeforeTheDatabaseClosesIsNamedWhenItCloses() throws Exception {
        Path disk = smallDisk("closing-disk", "4m");
        try {
            Path db = disk.resolve("results.mv.db");
            ResultStore store = H2Database.open(db, true);
            long run = store.createRun(Samples.run("then the disk fills", Targets.NONE));
            for (int i = 0; i < 40; i++) {
                var config = Samples.config(i);
                store.putCandidate(Samples.candidate(config));
                store.addEvaluation(run, Samples.ok(config, Samples.FIDELITY, 0.5, 1));
            }
            try (java.io.OutputStream filler = Files.newOutputStream(disk.resolve("filler"))) {
                byte[] block = new byte[1 << 16];
                while (true) {
                    filler.write(block);
                }
            } catch (java.io.IOException full) {
                // another program filled the disk while the database was open
            }
            // H2 compacts the file on closing and says nothing when that fails; its lock file is left behind.
            StoreException closing = assertThrows(StoreException.class, store::close);
            assertTrue(closing.getMessage().contains("not closed cleanly") && closing.getMessage().contains("is full"),
                    closing.getMessage());
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
    }

    /** A tmpfs of {@code size} mounted at {@code name} in the test's directory (the test is skipped unless root). */
    private Path smallDisk(String name, String size) throws Exception {
        Path disk = Files.createDirectories(dir.resolve(name));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "a small disk needs root to mount a tmpfs");
        return disk;
    }

    private static String admin(Path db) {
        return DatabaseSecret.read(db).orElseThrow().admin();
    }

    private static String jdbc(Path db) {
        String path = db.toAbsolutePath().toString();
        return "jdbc:h2:file:" + path.substring(0, path.length() - ".mv.db".length());
    }
}
