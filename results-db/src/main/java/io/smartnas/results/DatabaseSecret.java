package io.smartnas.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The passwords of a database's two accounts, made at random when the database is made and kept in a file beside it
 * ({@code results.mv.db.secret}) that only its owner may read or write. The admin account ({@value H2Database#ADMIN})
 * can do whatever H2 allows, files included, so only the user who owns the database holds it; the reader account
 * ({@value H2Database#READER}) may only read the tables. SmartNAS before 0.5 gave every database the same fixed
 * passwords ({@link #LEGACY}); such a database gets a secret of its own the first time its owner opens it to write.
 *
 * @param admin  the admin account's password
 * @param reader the reader account's password
 */
record DatabaseSecret(String admin, String reader) {
    /** The fixed passwords of databases made before secrets existed. */
    static final DatabaseSecret LEGACY = new DatabaseSecret("smartnas", "reader");
    private static final String SUFFIX = ".secret";
    /** A secret file is two short lines; anything longer is not one, and is not read further. */
    private static final int MAX_BYTES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    DatabaseSecret {
        requireToken(admin, "admin");
        requireToken(reader, "reader");
    }

    /** The secret file of {@code database} (a normalised {@code .mv.db} path). */
    static Path fileOf(Path database) {
        return database.resolveSibling(database.getFileName() + SUFFIX);
    }

    /**
     * The secret of {@code database}, if its file is there.
     *
     * @throws DatabaseUnavailableException if the file is there but is not a secret file, or cannot be read
     */
    static Optional<DatabaseSecret> read(Path database) {
        Path file = fileOf(database);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DatabaseUnavailableException(file + ": not a regular file, so not the database's secret file; "
                    + "nothing was opened", null);
        }
        OwnerOnly.restrict(file);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw damaged(file, "longer than " + MAX_BYTES + " bytes");
            }
            Properties properties = new Properties();
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            String admin = properties.getProperty("admin");
            String reader = properties.getProperty("reader");
            if (admin == null || reader == null) {
                throw damaged(file, "it lacks the admin or the reader line");
            }
            return Optional.of(new DatabaseSecret(admin, reader));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    /**
     * The secret of {@code database}: the one in its file, or a new one written there (readable by its owner only)
     * when there is none.
     */
    static DatabaseSecret readOrCreate(Path database) {
        Optional<DatabaseSecret> stored = read(database);
        if (stored.isPresent()) {
            return stored.get();
        }
        DatabaseSecret secret = new DatabaseSecret(token(), token());
        Path file = fileOf(database);
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp");
            try {
                OwnerOnly.restrict(temporary);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(("# the passwords of " + database.getFileName()
                            + "'s accounts; keep this file with the database, and to yourself\nadmin="
                            + secret.admin + "\nreader=" + secret.reader + "\n").getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException raced) {
            return read(database).orElseThrow();
        } catch (IOException e) {
            throw new DatabaseUnavailableException(file + ": cannot write the database's secret file ("
                    + e.getMessage() + "); nothing was created", e);
        }
        return secret;
    }

    private static DatabaseUnavailableException damaged(Path file, String why) {
        return new DatabaseUnavailableException(file + ": not a SmartNAS secret file (" + why + "); it was left as it "
                + "is, and the database cannot be opened without its secret", null);
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Passwords go into SQL text once ({@code ALTER USER}), so they may only hold characters that need no quoting. */
    private static void requireToken(String password, String account) {
        if (password == null || password.isEmpty() || !password.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("the " + account + " password holds characters other than letters, "
                    + "digits, '-' and '_'");
        }
    }

    @Override
    public String toString() {
        return "DatabaseSecret[hidden]";
    }
}
