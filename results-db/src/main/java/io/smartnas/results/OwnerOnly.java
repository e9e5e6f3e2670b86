package io.smartnas.results;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps a database's files to the user who owns them: the database, its secret, the lock file in which H2 writes the
 * address and key of a running search's server, and the directories SmartNAS makes for them. On a file system without
 * POSIX permissions this does nothing; the secret passwords still keep strangers out.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Takes every permission of group and others from {@code file} when it is there; never follows a link. */
    static void restrict(Path file) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not this user's file: the passwords are the lock then
        }
    }

    /**
     * Makes {@code directory} and its missing parents, each readable by its owner only; directories already there are
     * left as they are.
     */
    static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }
}
