package io.smartnas.cluster;

import io.smartnas.space.InvalidInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The key a cluster's messages are signed with (HMAC-SHA256): read from a secret file that only its owner may read.
 * Without {@code --secret-file}, processes of one user on one machine share {@code ~/.smartnas/cluster.secret}, made
 * (owner-only) on first use; a cluster that binds beyond loopback needs a file given explicitly, copied to every
 * worker's machine. Thread-safe.
 */
public final class Secret {
    private static final String HMAC = "HmacSHA256";
    /** The fewest bytes a key may have: 128 bits. */
    static final int LEAST_BYTES = 16;

    private final byte[] key;

    private Secret(byte[] key) {
        this.key = key.clone();
    }

    /**
     * The key in {@code file}: its bytes, less a trailing line end.
     *
     * @throws InvalidInputException if the file is missing, shorter than 16 bytes, or readable by others
     */
    public static Secret of(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + ": no such secret file");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new InvalidInputException(file + ": a secret file must be readable by its owner only "
                        + "(chmod 600 " + file + ")");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < LEAST_BYTES) {
                throw new InvalidInputException(file + ": a secret must have at least " + LEAST_BYTES
                        + " characters, got " + bytes.length + " (head -c 32 /dev/urandom | base64 > FILE makes one)");
            }
            return new Secret(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the secret file: " + e.getMessage(), e);
        }
    }

    /**
     * The secret of a cluster reached at {@code host}: the file given, or, on loopback only, the user's own.
     *
     * @param file the secret file given, or null
     * @throws InvalidInputException if no file is given and {@code host} is beyond loopback, or the file is refused
     */
    public static Secret forCluster(Path file, String host) {
        if (file != null) {
            return of(file);
        }
        if (!Network.loopback(host)) {
            throw new InvalidInputException("a cluster beyond loopback (" + host + ") needs --secret-file, the same "
                    + "file on every machine");
        }
        return user();
    }

    /** The user's own secret, {@code ~/.smartnas/cluster.secret}, made with 32 random bytes if it does not exist. */
    public static Secret user() {
        Path file = Path.of(System.getProperty("user.home"), ".smartnas", "cluster.secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path fresh = Files.createTempFile(file.getParent(), "cluster", ".secret",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(fresh, HexFormat.of().formatHex(random) + System.lineSeparator());
                try {
                    Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    Files.deleteIfExists(fresh);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot make " + file + ": " + e.getMessage(), e);
        }
        return of(file);
    }

    /** A key of these bytes, for tests. */
    static Secret ofBytes(byte[] key) {
        return new Secret(key);
    }

    /** The HMAC-SHA256 of {@code text}, in hex. */
    String sign(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has " + HMAC, e);
        }
    }

    /** Whether {@code mac} is the HMAC of {@code text} under this key; compared in constant time. */
    boolean verifies(String text, String mac) {
        return mac != null && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cluster name members with this key use: derived from the key, so that a member without it is not even let
     * into the cluster (Hazelcast refuses a join under another name), besides failing every signature.
     */
    String clusterName() {
        return "smartnas-" + sign("cluster-name").substring(0, 16);
    }
}
