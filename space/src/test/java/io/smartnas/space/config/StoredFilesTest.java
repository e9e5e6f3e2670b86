package io.smartnas.space.config;

import io.smartnas.space.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenFileIsReadableByOthersAndListedInTheFormatOfSha256sum() throws IOException {
        Path file = dir.resolve("best.json");
        StoredFiles.write(file, "{}\n");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> sums = Files.readAllLines(dir.resolve(StoredFiles.SUMS));
        // sha256sum of "{}\n"
        assertEquals(List.of("ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356  best.json"), sums);
        assertDoesNotThrow(() -> StoredFiles.verify(file));
    }

    @Test
    void aFileChangedAfterItWasWrittenIsNamedAsDamaged() throws IOException {
        Path file = dir.resolve("policy.json");
        StoredFiles.write(file, "{\"thresholds\": [0.8]}\n");
        StoredFiles.write(dir.resolve("other.json"), "{}\n");
        Files.writeString(file, "{\"thresholds\": [0.9]}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StoredFiles.verify(file));
        assertTrue(e.getMessage().startsWith(file + ": damaged"), e.getMessage());
        assertDoesNotThrow(() -> StoredFiles.verify(dir.resolve("other.json")));
    }

    @Test
    void aFileOfADirectoryWithoutAListIsReadUnchecked() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), "{}");
        assertDoesNotThrow(() -> StoredFiles.verify(file));
    }

    @Test
    void rewritingAFileRecordsItsNewChecksum() throws IOException {
        Path file = dir.resolve("policy.json");
        StoredFiles.write(file, "a");
        StoredFiles.write(file, "b");
        assertDoesNotThrow(() -> StoredFiles.verify(file));
        assertEquals(1, Files.readAllLines(dir.resolve(StoredFiles.SUMS)).size());
    }
}
