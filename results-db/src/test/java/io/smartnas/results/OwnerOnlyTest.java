package io.smartnas.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A directory this user owns is closed to others while files are made in it, and given back its permissions. */
class OwnerOnlyTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryIsClosedWhileTheActionRunsAndReopenedAfter() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        String during = OwnerOnly.closedWhile(shared, () -> {
            try {
                return PosixFilePermissions.toString(Files.getPosixFilePermissions(shared));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("rwx------", during);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    @Test
    void aFailingActionStillReopensIt() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        try {
            OwnerOnly.closedWhile(shared, () -> {
                throw new IllegalStateException("failed");
            });
        } catch (IllegalStateException expected) {
            // the permissions below are the point
        }
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }
}
