package io.smartnas.space.config;

import io.smartnas.space.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files SmartNAS writes to be read later (parameter files, exported and trained configs, exit policies): each is
 * written beside its final name and moved into place in one step, so a reader never sees half of one; it is readable
 * by others (0644); and its SHA-256 goes into the directory's {@code SHA256SUMS} (the format of {@code sha256sum}, so
 * {@code sha256sum -c SHA256SUMS} checks a directory by hand). Reading a file checks it against that list, so a
 * damaged file is named instead of loaded. Files of a directory without the list (written before it existed) are read
 * unchecked. One writer per directory at a time.
 */
public final class StoredFiles {
    /** The checksum list of a directory. */
    public static final String SUMS = "SHA256SUMS";

    private StoredFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file} atomically and records its checksum. */
    public static void write(Path file, String text) throws IOException {
        write(file, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }

    /** What writes a file's contents into the path it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Has {@code contents} write a new file beside {@code file}, then moves it into place in one step and records its
     * checksum; the half-written file is removed if writing fails.
     */
    public static void write(Path file, Contents contents) throws IOException {
        Path temporary = temporary(file);
        try {
            contents.writeTo(temporary);
            publish(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A new empty file beside {@code file} (its directory created if needed), to write and then {@link #publish}. */
    private static Path temporary(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    }

    /** Moves a finished temporary file to its name in one step, readable by others, and records its checksum. */
    private static void publish(Path temporary, Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        }
        String sum = sha256(temporary);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        list(file, sum);
    }

    /**
     * Records the checksum of {@code file}, which SmartNAS has just finished writing by other means (a database it has
     * closed), so that reading it later checks it.
     */
    public static void record(Path file) throws IOException {
        list(file, sha256(file));
    }

    /** Drops {@code file} from its directory's list, before SmartNAS changes it by other means (opens it to write). */
    public static void forget(Path file) throws IOException {
        if (read(sumsOf(file)).containsKey(file.getFileName().toString())) {
            list(file, null);
        }
    }

    /** Sets {@code file}'s line of its directory's list to {@code sum}, or removes it for null, in one step. */
    private static void list(Path file, String sum) throws IOException {
        Path sums = sumsOf(file);
        Map<String, String> list = read(sums);
        if (sum == null) {
            list.remove(file.getFileName().toString());
        } else {
            list.put(file.getFileName().toString(), sum);
        }
        StringBuilder text = new StringBuilder();
        list.forEach((name, hex) -> text.append(hex).append("  ").append(name).append('\n'));
        Path temporarySums = Files.createTempFile(sums.getParent(), SUMS, ".tmp");
        try {
            Files.writeString(temporarySums, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporarySums, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporarySums, sums, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporarySums);
        }
    }

    /**
     * Checks a file against the checksum recorded when SmartNAS wrote it, if its directory has a list.
     *
     * @throws InvalidInputException naming the file, if it changed since it was written
     */
    public static void verify(Path file) {
        Map<String, String> list = read(sumsOf(file));
        String recorded = list.get(file.getFileName().toString());
        if (recorded == null || !Files.isRegularFile(file)) {
            return;
        }
        String actual;
        try {
            actual = sha256(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (!actual.equals(recorded)) {
            throw new InvalidInputException(file + ": damaged: its SHA-256 is not the one recorded in " + SUMS
                    + " when it was written (recorded " + recorded.substring(0, 12) + "..., now "
                    + actual.substring(0, 12) + "...); restore it, or if you changed it on purpose, delete its line "
                    + "from " + SUMS);
        }
    }

    private static Path sumsOf(Path file) {
        return file.toAbsolutePath().getParent().resolve(SUMS);
    }

    private static Map<String, String> read(Path sums) {
        Map<String, String> list = new TreeMap<>();
        if (!Files.isRegularFile(sums)) {
            return list;
        }
        try {
            for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
                if (line.length() > 66 && line.charAt(64) == ' ') {
                    list.put(line.substring(66), line.substring(0, 64));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sums, e);
        }
        return list;
    }

    /** The SHA-256 of a file's bytes, in hex, as {@value #SUMS} lists it. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
