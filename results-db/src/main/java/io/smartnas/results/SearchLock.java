package io.smartnas.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One search at a time per database: the operating system's lock on a file beside the database, held while the search
 * runs. Two searches on one file would each train what the other is training (a measurement is reused only once it is
 * stored); the second is refused instead. The operating system drops the lock when the process ends, even on
 * {@code kill -9}, so it is never left behind.
 */
final class SearchLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SearchLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws DatabaseUnavailableException if another search holds the lock of {@code database}
     */
    static SearchLock take(Path lockFile, Path database) {
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
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
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(("process " + ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            return new SearchLock(channel, lock);
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

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release the search lock: " + e.getMessage(), e);
        }
    }
}
