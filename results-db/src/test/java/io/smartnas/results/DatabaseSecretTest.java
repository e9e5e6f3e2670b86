package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.config.StoredFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each database has passwords of its own, kept to its owner, and its server listens on loopback only. */
class DatabaseSecretTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseHasASecretOfItsOwnThatOnlyItsOwnerMayRead() throws Exception {
        Path db = dir.resolve("new").resolve("results.mv.db");
        H2Database.open(db, true).close();
        Path secret = DatabaseSecret.fileOf(db);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())),
                "the directory SmartNAS made");
        Path other = dir.resolve("other.mv.db");
        H2Database.open(other, true).close();
        assertNotEquals(DatabaseSecret.read(db).orElseThrow(), DatabaseSecret.read(other).orElseThrow());
    }

    @Test
    void theFixedPasswordsOfEarlierVersionsOpenNoNewDatabase() {
        Path db = dir.resolve("results.mv.db");
        H2Database.open(db, true).close();
        for (String[] account : new String[][] {{H2Database.ADMIN, "smartnas"}, {H2Database.READER, "reader"}}) {
            SQLException e = assertThrows(SQLException.class, () -> connect(db, account[0], account[1]).close());
            assertEquals(org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD, e.getErrorCode(), account[0]);
        }
        DatabaseSecret secret = DatabaseSecret.read(db).orElseThrow();
        assertDoesConnect(db, H2Database.ADMIN, secret.admin());
        assertDoesConnect(db, H2Database.READER, secret.reader());
    }

    @Test
    void aDatabaseFromBeforeSecretsIsReadAsItIsAndGetsASecretWhenItsOwnerOpensItToWrite() throws Exception {
        Path db = dir.resolve("results.mv.db");
        try (ResultStore store = H2Database.open(db, true)) {
            store.createRun(Samples.run("old", Targets.NONE));
        }
        DatabaseSecret secret = DatabaseSecret.read(db).orElseThrow();
        try (Connection admin = connect(db, H2Database.ADMIN, secret.admin());
             Statement sql = admin.createStatement()) {
            sql.execute("ALTER USER reader SET PASSWORD 'reader'");
            sql.execute("ALTER USER smartnas SET PASSWORD 'smartnas'");
        }
        Files.delete(DatabaseSecret.fileOf(db));
        Files.delete(db.resolveSibling(StoredFiles.SUMS)); // earlier versions recorded no checksum either
        byte[] before = Files.readAllBytes(db);
        try (H2ResultStore reader = H2Database.openReadOnly(db)) {
            assertEquals(1, reader.runs().size());
        }
        assertFalse(Files.exists(DatabaseSecret.fileOf(db)), "a read-only command writes nothing");
        assertArrayEquals(before, Files.readAllBytes(db), "a read-only command writes nothing");

        H2Database.open(db, false).close();
        try (H2ResultStore reader = H2Database.openReadOnly(db)) {
            assertEquals(1, reader.runs().size(), "the data is still there");
        }
        DatabaseSecret made = DatabaseSecret.read(db).orElseThrow();
        assertThrows(SQLException.class, () -> connect(db, H2Database.ADMIN, "smartnas").close());
        assertThrows(SQLException.class, () -> connect(db, H2Database.READER, "reader").close());
        assertDoesConnect(db, H2Database.ADMIN, made.admin());
    }

    @Test
    void aDatabaseWhoseSecretIsLostIsRefusedByNameAndLeftAsItIs() throws Exception {
        Path db = dir.resolve("results.mv.db");
        H2Database.open(db, true).close();
        Files.delete(DatabaseSecret.fileOf(db));
        byte[] before = Files.readAllBytes(db);
        for (Runnable open : new Runnable[] {() -> H2Database.open(db, false).close(),
                () -> H2Database.openReadOnly(db).close()}) {
            DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class, open::run);
            assertTrue(e.getMessage().contains("its secret file " + DatabaseSecret.fileOf(db) + " is missing"),
                    e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(db));
        assertFalse(Files.exists(DatabaseSecret.fileOf(db)), "no new secret for a database it cannot open");
    }

    @Test
    void aSecretFileThatIsNotOneIsRefusedWithoutReadingAllOfIt() throws Exception {
        Path db = dir.resolve("results.mv.db");
        H2Database.open(db, true).close();
        Files.write(DatabaseSecret.fileOf(db), new byte[1 << 20]);
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> H2Database.openReadOnly(db));
        assertTrue(e.getMessage().contains("not a SmartNAS secret file"), e.getMessage());
    }

    @Test
    void theServerOfAnOpenDatabaseListensOnLoopbackAndItsAddressIsKeptToTheOwner() throws Exception {
        Path db = dir.resolve("results.mv.db");
        try (H2ResultStore store = H2Database.openForSearch(db, true)) {
            Path lock = dir.resolve("results.lock.db");
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(lock)) {
                properties.load(in);
            }
            String server = properties.getProperty("server", "");
            assertTrue(server.startsWith("localhost:"), properties.toString());
            int port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
            assertEquals(List.of("0100007F"), listeningAddresses(port), "bound to 127.0.0.1 alone");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)));
        }
    }

    /** The local IPv4 addresses, as the kernel writes them in /proc/net/tcp and tcp6 (hex), of the sockets listening on a port. */
    static List<String> listeningAddresses(int port) throws java.io.IOException {
        String hexPort = String.format("%04X", port);
        List<String> addresses = new java.util.ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(local[0].replaceFirst("^0000000000000000FFFF0000", "")); // IPv4 in IPv6
                }
            }
        }
        return addresses;
    }

    private static void assertDoesConnect(Path db, String user, String password) {
        try {
            connect(db, user, password).close();
        } catch (SQLException e) {
            throw new AssertionError(user + " cannot connect: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path db, String user, String password) throws SQLException {
        String base = db.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "");
        return DriverManager.getConnection("jdbc:h2:file:" + base + ";IFEXISTS=TRUE", user, password);
    }
}
