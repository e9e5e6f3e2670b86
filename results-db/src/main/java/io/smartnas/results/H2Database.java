package io.smartnas.results;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Opens SmartNAS's H2 database files. Every connection uses H2's automatic mixed mode ({@code AUTO_SERVER}): the
 * first process opens the file and serves it on a port of the loopback interface only; other processes of its owner
 * (a second {@code smartnas query} while a search writes) connect through it. Nobody else can: the accounts' passwords
 * are the database's own ({@link DatabaseSecret}, in a file only its owner may read), and the database, its secret and
 * the lock file that carries the server's address and key are readable by their owner only. Commands that only read
 * use the reader account, which can read the tables and call none of H2's file, network or system functions. The
 * write delay is 0, so a commit is in the file before it returns. The schema is created and upgraded by Flyway; a file
 * with a newer schema than this version knows is refused, not touched.
 */
public final class H2Database {
    /** Where results go unless {@code --db} says otherwise. */
    public static final Path DEFAULT = Path.of("smartnas-results", "results.mv.db");
    static final String ADMIN = "smartnas";
    static final String READER = "reader";
    /**
     * H2's automatic mixed mode starts its server with {@code -tcpAllowOthers}; this system property, read once when
     * H2 first loads, binds that server to the loopback interface instead of every interface.
     */
    private static final String LOOPBACK = "127.0.0.1";
    /** No query of any client runs longer than this in a process that holds a database (a search, say). */
    private static final int MAX_QUERY_TIMEOUT_MS = 300_000;
    static final String SUFFIX = ".mv.db";
    /**
     * Database settings, so only the admin account may give them; readers write nothing anyway. Every commit is in the
     * file before it returns (write delay 0). New chunks never go into space freed by old ones ({@code REUSE_SPACE}
     * off): with reuse, a commit written into a gap once the retention time had passed (a search writes minutes
     * apart) was lost on {@code kill -9} although readers had seen it, because H2's recovery did not find that chunk
     * ({@code SearchDurabilityTest} shows it). So the file grows by a chunk per commit while it is open, and is
     * compacted for up to 3 s when the last connection closes (10,000 evaluations written one by one left 729 MB
     * without compaction, 11 MB with it).
     */
    private static final String ADMIN_SETTINGS = ";WRITE_DELAY=0;REUSE_SPACE=FALSE;MAX_COMPACT_TIME=3000"
            + ";MAX_MEMORY_ROWS=" + ReadOnlyQuery.MAX_MEMORY_ROWS + ";MAX_QUERY_TIMEOUT=" + MAX_QUERY_TIMEOUT_MS;
    /**
     * Read-only commands open the file itself read-only when no other process has it: nothing is written, not even on
     * close, and a file the user may only read opens too. The URL leaves out automatic mixed mode, which H2 does not
     * allow read-only.
     */
    private static final String READ_ONLY = ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
    private static final String SEARCH_LOCK_SUFFIX = ".search.lock";
    /** How long opening waits for a file that another process has open read-only. */
    private static final long LOCKED_PATIENCE_MS = 10_000;

    static {
        System.setProperty("h2.bindAddress", LOOPBACK);
    }

    private H2Database() {
    }

    /**
     * The results store in {@code file}, its schema brought up to date.
     *
     * @param create whether to create the database when the file does not exist (a search does; queries do not)
     * @throws DatabaseUnavailableException if the file is missing (and not to be created), locked, damaged or newer
     */
    public static H2ResultStore open(Path file, boolean create) {
        return open(file, create, null);
    }

    /**
     * The store for a search: as {@link #open}, and only while no other search writes to the same file. The lock is
     * the operating system's on a file beside the database, so a killed search never leaves it held.
     *
     * @throws DatabaseUnavailableException if another search is writing to it, or as {@link #open} says
     */
    public static H2ResultStore openForSearch(Path file, boolean create) {
        Path path = normalise(file);
        if (!create) {
            if (!Files.exists(path)) {
                throw new DatabaseUnavailableException(path + ": no results database here; run a search first, or "
                        + "point --db at one", null);
            }
            refuseMissingOrEmpty(path);
        }
        SearchLock lock = SearchLock.take(path.resolveSibling(path.getFileName() + SEARCH_LOCK_SUFFIX), path);
        try {
            return open(file, create, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Whether a search is writing to the database in {@code file} now, as its search lock says; a run stored as running
     * while none is was ended without recording it (kill -9, a crash), and {@code search --resume} continues it.
     */
    public static boolean searchRunning(Path file) {
        Path path = normalise(file);
        return SearchLock.held(path.resolveSibling(path.getFileName() + SEARCH_LOCK_SUFFIX));
    }

    /**
     * The store of an existing database for commands that only read. When no other process has the file, it is opened
     * read-only: nothing is written to it, not even on close, and a file the user may only read opens too. When a
     * search has it, the query goes through that process (automatic mixed mode) and writes nothing either.
     *
     * @throws DatabaseUnavailableException if the file is missing, empty, damaged or of another schema version
     */
    public static H2ResultStore openReadOnly(Path file) {
        Path path = normalise(file);
        refuseMissingOrEmpty(path);
        DatabaseChecksum.verify(path);
        Opened opened = readOnlyConnection(path);
        return prepared(path, opened.connection(), null, false, "cannot be read",
                () -> checkSchema(path, opened.url(), opened.password()));
    }

    private static H2ResultStore open(Path file, boolean create, SearchLock lock) {
        requireLoopback();
        Path path = normalise(file);
        boolean existed = Files.exists(path);
        if (create) {
            try {
                OwnerOnly.createDirectories(path.toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw new DatabaseUnavailableException(path + ": cannot create its directory (" + e.getMessage()
                        + ")", e);
            }
        } else {
            refuseMissingOrEmpty(path);
        }
        if (existed) {
            DatabaseChecksum.verify(path);
        }
        DatabaseSecret secret = existed || !create ? DatabaseSecret.read(path).orElse(null)
                : DatabaseSecret.readOrCreate(path);
        String url = url(path, !create) + ADMIN_SETTINGS;
        // H2 makes its files with the process's umask; the directory stays closed to others until they are the owner's.
        Admin admin = OwnerOnly.closedWhile(path.toAbsolutePath().getParent(), () -> {
            if (!existed && create) {
                createAlone(path, secret);
            }
            Admin opened = admin(path, url, secret);
            keepToOwner(path);
            return opened;
        });
        DatabaseChecksum.opened(path);
        return prepared(path, admin.connection(), lock, true, "cannot prepare the database", () -> {
            migrate(path, url, admin.password());
            if (admin.rekey()) {
                rekey(path, admin.connection(), DatabaseSecret.readOrCreate(path));
            }
        });
    }

    /**
     * Creates a new database, its schema and both accounts' passwords, without the server that automatic mixed mode
     * starts: the schema creates the reader account with a fixed password, which another user could otherwise use
     * through that server until the password is changed.
     */
    private static void createAlone(Path path, DatabaseSecret secret) {
        String alone = base(path) + ADMIN_SETTINGS;
        try (Connection admin = DriverManager.getConnection(alone, ADMIN, secret.admin())) {
            migrate(path, alone, secret.admin());
            rekey(path, admin, secret);
        } catch (SQLException e) {
            throw unavailable(path, e);
        }
    }

    /** What is done on a new connection before its store is handed out: a schema check, an upgrade, new passwords. */
    private interface Preparation {
        void run() throws SQLException;
    }

    /** The admin's connection, and whether the database still has the fixed passwords of earlier versions. */
    private record Admin(Connection connection, String password, boolean rekey) {
    }

    /**
     * The admin's connection with the database's secret; a database from before secrets existed opens with the fixed
     * password of those versions, to be given a secret of its own at once. An existing file that no other process has
     * is looked at read-only first ({@link #look}), so that a wrong password or a newer schema leaves it unchanged.
     */
    private static Admin admin(Path path, String url, DatabaseSecret secret) {
        List<String> passwords = secret == null ? List.of(DatabaseSecret.LEGACY.admin())
                : List.of(secret.admin(), DatabaseSecret.LEGACY.admin());
        String known = Files.exists(path) ? look(path, passwords, secret != null) : passwords.get(0);
        for (String password : known != null ? List.of(known) : passwords) {
            boolean legacy = password.equals(DatabaseSecret.LEGACY.admin());
            try {
                return new Admin(DriverManager.getConnection(url, ADMIN, password), password, legacy);
            } catch (SQLException e) {
                if (e.getErrorCode() != org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD) {
                    return new Admin(connect(path, url, ADMIN, password), password, legacy);
                }
            }
        }
        throw noSecret(path, secret != null);
    }

    /**
     * Opens the file read-only, which writes nothing whatever it finds (H2 writes to a file opened to write even when
     * the password turns out wrong, and on closing it), to learn which of {@code passwords} is the admin's and to
     * refuse a schema newer than this version's.
     *
     * @return the admin's password, or null when another process has the file (its owner writes it, not this one)
     * @throws DatabaseUnavailableException if no password opens it, or its schema is newer, or it cannot be opened
     */
    private static String look(Path path, List<String> passwords, boolean secretPresent) {
        String readOnly = base(path) + READ_ONLY;
        for (String password : passwords) {
            try (Connection look = DriverManager.getConnection(readOnly, ADMIN, password)) {
                Flyway flyway = Flyway.configure().dataSource(readOnly, ADMIN, password)
                        .locations("classpath:db/migration").load();
                MigrationInfo current = flyway.info().current();
                MigrationVersion known = latestKnown(flyway);
                if (current != null && current.getVersion().compareTo(known) > 0) {
                    throw newer(path, current.getVersion(), known);
                }
                return password;
            } catch (SQLException e) {
                if (inUse(e)) {
                    return null;
                }
                if (e.getErrorCode() != org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD) {
                    throw unavailable(path, e);
                }
            } catch (FlywayException e) {
                throw new DatabaseUnavailableException(path + ": cannot read its schema (" + e.getMessage() + ")", e);
            }
        }
        throw noSecret(path, secretPresent);
    }

    /** Gives both accounts the passwords of {@code secret}: a new database, or one from before secrets existed. */
    private static void rekey(Path path, Connection admin, DatabaseSecret secret) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute("ALTER USER " + READER + " SET PASSWORD '" + secret.reader() + "'");
            sql.execute("ALTER USER " + ADMIN + " SET PASSWORD '" + secret.admin() + "'");
        }
        keepToOwner(path);
    }

    private static DatabaseUnavailableException noSecret(Path path, boolean present) {
        Path file = DatabaseSecret.fileOf(path);
        return new DatabaseUnavailableException(path + ": " + (present ? "its secret file " + file + " does not "
                + "match it" : "its secret file " + file + " is missing") + ", so it cannot be opened; SmartNAS keeps "
                + "each database's passwords in that file, readable by its owner only: put back the one that came "
                + "with this database. The database was left as it is.", null);
    }

    /** The database and the files H2 keeps beside it, to their owner only (a running search's lock file included). */
    private static void keepToOwner(Path path) {
        String base = path.toString().substring(0, path.toString().length() - SUFFIX.length());
        OwnerOnly.restrict(path);
        OwnerOnly.restrict(Path.of(base + ".lock.db"));
        OwnerOnly.restrict(Path.of(base + ".trace.db"));
        OwnerOnly.restrict(DatabaseSecret.fileOf(path));
    }

    /**
     * Refuses to open a database while H2's server would listen on every interface: the system property that binds it
     * to loopback is read once, when H2 loads, so it must be set before anything else loads H2.
     */
    private static void requireLoopback() {
        if (!LOOPBACK.equals(org.h2.engine.SysProperties.BIND_ADDRESS)) {
            throw new IllegalStateException("H2 was loaded before " + H2Database.class.getName() + " could bind its "
                    + "server to " + LOOPBACK + " (h2.bindAddress is " + org.h2.engine.SysProperties.BIND_ADDRESS
                    + "); load H2Database first");
        }
    }

    /**
     * The store on {@code connection} once {@code prepare} (a schema check or an upgrade) has passed; otherwise the
     * connection is closed and the reason given, {@code failure} saying what could not be done.
     */
    private static H2ResultStore prepared(Path path, Connection connection, SearchLock lock, boolean writes,
                                          String failure, Preparation prepare) {
        try {
            prepare.run();
            return new H2ResultStore(connection, path, lock, writes);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException close) {
                e.addSuppressed(close);
            }
            if (e instanceof DatabaseUnavailableException d) {
                throw d;
            }
            String reason = FullDisk.of(path, e).map(full -> full + "; free some space")
                    .orElseGet(() -> String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            throw new DatabaseUnavailableException(path + ": " + failure + " (" + reason + ")", e);
        }
    }

    /**
     * A connection to an existing database as the reader account, which can read every table and change none; opened
     * as {@link #openReadOnly} opens one.
     */
    static Connection reader(Path file) {
        Path path = normalise(file);
        refuseMissingOrEmpty(path);
        DatabaseChecksum.verify(path);
        return readOnlyConnection(path).connection();
    }

    /** A connection, the URL it was opened with and the reader's password that opened it. */
    private record Opened(Connection connection, String url, String password) {
    }

    /**
     * The reader's connection, read-only on the file when no process has it, else through the process that has it.
     * A database from before secrets existed opens with the fixed password of those versions (and is not written to:
     * it gets its secret when it is next opened to write).
     */
    private static Opened readOnlyConnection(Path path) {
        requireLoopback();
        Optional<DatabaseSecret> secret = DatabaseSecret.read(path);
        List<String> passwords = secret.isPresent()
                ? List.of(secret.get().reader(), DatabaseSecret.LEGACY.reader())
                : List.of(DatabaseSecret.LEGACY.reader());
        for (String password : passwords) {
            try {
                return readOnlyConnection(path, password);
            } catch (SQLException e) {
                if (e.getErrorCode() != org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD) {
                    throw unavailable(path, e);
                }
            }
        }
        throw noSecret(path, secret.isPresent());
    }

    private static Opened readOnlyConnection(Path path, String password) throws SQLException {
        String readOnly = base(path) + READ_ONLY;
        try {
            return new Opened(DriverManager.getConnection(readOnly, READER, password), readOnly, password);
        } catch (SQLException e) {
            if (!inUse(e)) {
                throw e;
            }
        }
        String shared = url(path, true);
        return new Opened(connect(path, shared, READER, password), shared, password);
    }

    /** Whether opening failed because another process has the file open. */
    private static boolean inUse(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
            if (String.valueOf(t.getMessage()).contains("locked")) {
                return true;
            }
        }
        return false;
    }

    private static void refuseMissingOrEmpty(Path path) {
        try {
            if (Files.isRegularFile(path) && Files.size(path) == 0) {
                throw new DatabaseUnavailableException(path + ": an empty file, not a results database; it was left "
                        + "as it is", null);
            }
        } catch (java.io.IOException e) {
            throw new DatabaseUnavailableException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses, without changing anything, a database whose schema is not the one this version writes: a read-only
     * command cannot upgrade an older one, and must not read a newer one.
     */
    private static void checkSchema(Path path, String url, String readerPassword) {
        Flyway flyway = Flyway.configure().dataSource(url, READER, readerPassword)
                .locations("classpath:db/migration").load();
        try {
            MigrationInfo current = flyway.info().current();
            MigrationVersion known = latestKnown(flyway);
            MigrationVersion stored = current == null ? MigrationVersion.EMPTY : current.getVersion();
            if (stored.compareTo(known) > 0) {
                throw newer(path, stored, known);
            }
            if (stored.compareTo(known) < 0) {
                throw new DatabaseUnavailableException(path + ": written by an older SmartNAS (schema version "
                        + stored + ", this version writes " + known + "); a search or an export on it upgrades it, "
                        + "and a read-only command never does", null);
            }
        } catch (FlywayException e) {
            throw new DatabaseUnavailableException(path + ": cannot read its schema (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The file name as users give it, with H2's {@code .mv.db} suffix.
     *
     * @throws DatabaseUnavailableException if {@code file}, or the database file it names, is there but is not a
     *                                      regular file (a directory, a device such as {@code /dev/full}): nothing is
     *                                      created beside it
     */
    public static Path normalise(Path file) {
        String name = file.getFileName().toString();
        Path path = name.endsWith(SUFFIX) ? file : file.resolveSibling(name + SUFFIX);
        for (Path given : List.of(file, path)) {
            if (Files.isDirectory(given)) {
                throw new DatabaseUnavailableException(given + ": a directory, not a results database; --db names "
                        + "the database file, such as " + given.resolve("results.mv.db") + "; nothing was created",
                        null);
            }
            if (Files.exists(given) && !Files.isRegularFile(given)) {
                throw new DatabaseUnavailableException(given + ": not a regular file (a device, a pipe or a socket), "
                        + "so not a results database; nothing was created", null);
            }
        }
        return path;
    }

    private static String url(Path path, boolean mustExist) {
        return base(path) + ";AUTO_SERVER=TRUE" + (mustExist ? ";IFEXISTS=TRUE" : "");
    }

    private static String base(Path path) {
        String base = path.toAbsolutePath().toString();
        return "jdbc:h2:file:" + base.substring(0, base.length() - SUFFIX.length());
    }

    /**
     * A connection; while another process has the file open without automatic mixed mode (a read-only command, which
     * is over in moments, or a foreign program), tries again for up to {@link #LOCKED_PATIENCE_MS}.
     */
    private static Connection connect(Path path, String url, String user, String password) {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(LOCKED_PATIENCE_MS);
        while (true) {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                if (!inUse(e) || System.nanoTime() > giveUp) {
                    throw unavailable(path, e);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseUnavailableException(path + ": interrupted while waiting for it", e);
            }
        }
    }

    /** Says what is wrong with a database that cannot be opened, in words a user can act on. */
    static DatabaseUnavailableException unavailable(Path path, SQLException e) {
        String reason = switch (e.getErrorCode()) {
            case org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1, org.h2.api.ErrorCode.DATABASE_NOT_FOUND_1 ->
                    "no results database here; run a search first, or point --db at one";
            case org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1 ->
                    "in use by another program that has it open without H2's automatic mixed mode: a SmartNAS "
                            + "command that reads it (a long sql query, say; try again when it ends) or another "
                            + "tool (close it)";
            case org.h2.api.ErrorCode.FILE_CORRUPTED_1, org.h2.api.ErrorCode.FILE_VERSION_ERROR_1 ->
                    "damaged, or not an H2 database of this version; it was left as it is (H2 says: "
                            + firstLine(e) + ")";
            case org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD ->
                    "not a SmartNAS results database (its accounts differ)";
            default -> FullDisk.of(path, e).map(full -> "cannot be opened: " + full + "; free some space")
                    .orElseGet(() -> "cannot be opened: " + firstLine(e));
        };
        return new DatabaseUnavailableException(path + ": " + reason, e);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static void migrate(Path path, String url, String adminPassword) {
        Flyway flyway = Flyway.configure().dataSource(url, ADMIN, adminPassword)
                .locations("classpath:db/migration").load();
        try {
            MigrationInfo[] applied = flyway.info().applied();
            MigrationVersion known = latestKnown(flyway);
            for (MigrationInfo migration : applied) {
                if (migration.getVersion().compareTo(known) > 0) {
                    throw newer(path, migration.getVersion(), known);
                }
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new DatabaseUnavailableException(path + ": cannot prepare the schema (" + FullDisk.of(path, e)
                    .map(full -> full + "; free some space").orElseGet(e::getMessage) + ")", e);
        }
    }

    /** The newest schema version this SmartNAS ships a migration for. */
    private static MigrationVersion latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
    }

    private static DatabaseUnavailableException newer(Path path, MigrationVersion stored, MigrationVersion known) {
        return new DatabaseUnavailableException(path + ": written by a newer SmartNAS (schema version " + stored
                + ", this version knows up to " + known + "); use a newer SmartNAS to read it. The file was not "
                + "changed.", null);
    }
}
