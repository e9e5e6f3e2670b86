package io.smartnas.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a failure to write a database was its disk filling up, in words: H2 says it only as a closed database or
 * an exception naming a file channel.
 */
final class FullDisk {
    /** Below this many free bytes on its disk, a failed write is put down to a full disk. */
    private static final long NEARLY_FULL = 1L << 20;

    private FullDisk() {
    }

    /** "the disk holding ... is full (N bytes free)", when {@code database}'s disk is full or {@code e} says so. */
    static Optional<String> of(Path database, Throwable e) {
        Path dir = database.toAbsolutePath().getParent();
        long free = -1;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException ignored) {
            // the cause below decides without the free space
        }
        boolean noSpace = free >= 0 && free < NEARLY_FULL;
        for (Throwable t = e; t != null && !noSpace; t = t.getCause()) {
            noSpace = String.valueOf(t.getMessage()).contains("No space left on device");
        }
        return noSpace ? Optional.of("the disk holding " + dir + " is full (" + Math.max(free, 0) + " bytes free)")
                : Optional.empty();
    }
}
