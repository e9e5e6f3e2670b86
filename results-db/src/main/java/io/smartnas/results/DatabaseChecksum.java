package io.smartnas.results;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.config.StoredFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SHA-256 of a results database as SmartNAS last closed it after writing, kept in its directory's
 * {@code SHA256SUMS} like every file SmartNAS writes. H2 opens a truncated or overwritten file as an older state of it
 * and an upgrade would then write into it; a file that no longer matches its checksum is named damaged before H2 reads
 * it. While a search has the file open its line is absent (the file changes as it runs), and a search killed before it
 * closed leaves none: H2 recovers such a file itself.
 */
final class DatabaseChecksum {
    private DatabaseChecksum() {
    }

    /**
     * @throws DatabaseUnavailableException if the file differs from the checksum recorded when it was last closed
     */
    static void verify(Path database) {
        try {
            StoredFiles.verify(database);
        } catch (InvalidInputException e) {
            throw new DatabaseUnavailableException(e.getMessage() + ". The database was left as it is.", e);
        }
    }

    /** Forgets the checksum of a database about to be written to. */
    static void opened(Path database) {
        try {
            StoredFiles.forget(database);
        } catch (IOException e) {
            throw new DatabaseUnavailableException(database + ": cannot update " + StoredFiles.SUMS + " beside it ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Records the checksum of a database that this process wrote to and has closed, unless it is still open (its lock
     * file is there): another process has it and its writes are still to come, or H2 could not finish closing it, which
     * on a full disk it does not say.
     *
     * @throws StoreException if the disk filled up while the database was closed
     */
    static void closed(Path database) {
        String name = database.toString();
        Path lock = Path.of(name.substring(0, name.length() - H2Database.SUFFIX.length()) + ".lock.db");
        if (Files.exists(lock)) {
            FullDisk.of(database, null).ifPresent(full -> {
                throw new StoreException(database + ": not closed cleanly: " + full + "; what was stored before is "
                        + "kept, and the next command that opens it recovers it once there is space", null);
            });
            return;
        }
        try {
            StoredFiles.record(database);
        } catch (IOException e) {
            throw new StoreException(database + ": closed, but its checksum could not be recorded in "
                    + StoredFiles.SUMS + " (" + FullDisk.of(database, e).orElse(e.getMessage()) + "); the database "
                    + "itself is whole, and opens without the check", e);
        }
    }
}
