package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work, that a directory an option names can be written: so no training is lost at the end. */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /**
     * @param option the option that named it, for the message
     * @throws InvalidInputException if {@code dir} is a file, or neither it nor its nearest existing parent is a
     *                               directory this process may write to
     */
    static void check(String option, Path dir) {
        if (dir == null) {
            return;
        }
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InvalidInputException(option + " " + dir + ": is a file; " + option + " names a directory");
        }
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new InvalidInputException(option + " " + dir + ": " + existing + " is a file, so the directory "
                    + "cannot be made");
        }
        if (!Files.isWritable(existing)) {
            throw new InvalidInputException(option + " " + dir + ": " + existing + " is not writable");
        }
    }
}
