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
     * Runs {@code action} with {@code directory} closed to all but its owner when this user owns it, then gives it back
     * its permissions: H2 creates a database's files (its lock file, with the server's address and key) with the
     * process's umask, readable by others until {@link #restrict} takes that away, and while the directory is closed no
     * other user can reach them in between. A directory of another user's is left as it is. A process killed in that
     * moment leaves the directory closed, which errs on the safe side.
     */
    static <T> T closedWhile(Path directory, java.util.function.Supplier<T> action) {
        Set<PosixFilePermission> before = null;
        try {
            java.nio.file.attribute.UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(directory);
            if (Files.getOwner(directory).equals(me) && !now.equals(DIRECTORY)) {
                Files.setPosixFilePermissions(directory, DIRECTORY);
                before = now;
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to close: the passwords are the lock then
        }
        try {
            return action.get();
        } finally {
            if (before != null) {
                try {
                    Files.setPosixFilePermissions(directory, before);
                } catch (IOException e) {
                    // it stays closed to others, which is safe; the owner can open it again
                }
            }
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
