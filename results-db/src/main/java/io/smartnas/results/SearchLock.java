package io.smartnas.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One search at a time per database: the operating system's lock on a file beside the database, held while the search
 * runs. Two searches on one file would each train what the other is training (a measurement is reused only once it is
 * stored); the second is refused instead. The operating system drops the lock when the process ends, even on
 * {@code kill -9}, so it never blocks anyone; a search that ends deletes the file, so none naming a dead process is
 * left beside the database (after {@code kill -9} the next search takes it over). Because the file may be deleted
 * between another process opening it and locking it, a lock counts only when the file at the path is still the one
 * locked; otherwise the take is tried again on the new file.
 */
final class SearchLock implements AutoCloseable {
    /** Takes tried when the locked file was deleted under the taker by a search that ended. */
    private static final int TRIES = 5;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SearchLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws DatabaseUnavailableException if another search holds the lock of {@code database}
     */
    static SearchLock take(Path lockFile, Path database) {
        for (int i = 1; ; i++) {
            SearchLock taken = tryTake(lockFile, database);
            if (taken != null) {
                return taken;
            }
            if (i == TRIES) {
                throw new DatabaseUnavailableException(database + ": cannot take the search lock " + lockFile
                        + ": it was deleted " + TRIES + " times while this search took it; try again", null);
            }
        }
    }

    /** The lock, or null when the file locked was deleted meanwhile (by a search that ended). */
    private static SearchLock tryTake(Path lockFile, Path database) {
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Object opened = fileKey(lockFile);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException held) {
                lock = null; // held by this very process, by another search's store
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DatabaseUnavailableException(database + ": another search is writing to it"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to end, or give this "
                        + "search its own --db", null);
            }
            if (opened == null || !opened.equals(fileKey(lockFile))) {
                lock.release();
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(("process " + ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            return new SearchLock(lockFile, channel, lock);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException close) {
                e.addSuppressed(close);
            }
            throw new DatabaseUnavailableException(database + ": cannot take the search lock " + lockFile + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Whether a process holds the search lock {@code lockFile} now: a search is writing to its database. Read-only:
     * it takes a shared lock for a moment where it can, which an exclusive one held by a search refuses.
     */
    static boolean held(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException thisProcess) {
            return true;
        } catch (NoSuchFileException ended) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot read the search lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The file system's identity of the file at {@code path} (device and inode here), or null when there is none. */
    private static Object fileKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file); // while still holding it: a taker that opened it meanwhile sees it gone
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release the search lock: " + e.getMessage(), e);
        }
    }
}
