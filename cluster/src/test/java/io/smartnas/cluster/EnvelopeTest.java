package io.smartnas.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed messages: only the key's holder can make one that opens. */
class EnvelopeTest {
    private static final Secret KEY = Secret.ofBytes("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private static final Secret OTHER = Secret.ofBytes("fedcba9876543210fedc".getBytes(StandardCharsets.UTF_8));

    private static ObjectNode body() {
        ObjectNode body = Wire.JSON.createObjectNode();
        body.put("task", "s-1");
        body.put("accuracy", 0.9);
        return body;
    }

    @Test
    void aSealedMessageOpensWithItsKeyAndKindOnly() {
        String sealed = Envelope.seal(KEY, "result", body());
        assertEquals(body(), Envelope.open(KEY, "result", sealed).orElseThrow());
        assertTrue(Envelope.open(OTHER, "result", sealed).isEmpty(), "another key");
        assertTrue(Envelope.open(KEY, "task", sealed).isEmpty(), "a result passed off as a task");
    }

    @Test
    void aMessageChangedOnTheWayOrForgedWithoutTheKeyDoesNotOpen() {
        String sealed = Envelope.seal(KEY, "result", body());
        String changed = sealed.replace("0.9", "0.99");
        assertNotEquals(sealed, changed);
        assertTrue(Envelope.open(KEY, "result", changed).isEmpty(), "a changed figure");
        assertTrue(Envelope.open(KEY, "result", Envelope.seal(OTHER, "result", body())).isEmpty(), "forged");
        assertTrue(Envelope.open(KEY, "result", "{\"kind\":\"result\",\"body\":\"{}\"}").isEmpty(), "unsigned");
        assertTrue(Envelope.open(KEY, "result", "not json").isEmpty());
    }

    @Test
    void theClusterNameComesFromTheKey() {
        assertEquals(KEY.clusterName(), Secret.ofBytes("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8))
                .clusterName());
        assertNotEquals(KEY.clusterName(), OTHER.clusterName());
    }

    @Test
    void aSecretFileMustBeLongAndTheOwnersAlone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "short\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Secret.of(file)).getMessage()
                .contains("at least 16"));
        Files.writeString(file, "a-long-enough-secret-of-many-characters\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Secret.of(file)).getMessage()
                .contains("owner only"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Secret.of(file).clusterName(), Secret.ofBytes("a-long-enough-secret-of-many-characters"
                .getBytes(StandardCharsets.UTF_8)).clusterName(), "the line end is not part of the key");
        assertThrows(InvalidInputException.class, () -> Secret.of(dir.resolve("missing")));
    }
}
