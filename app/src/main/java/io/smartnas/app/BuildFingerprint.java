package io.smartnas.app;

import io.smartnas.cluster.Coordinator;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.results.ResultStore;
import io.smartnas.search.Search;
import io.smartnas.space.SmartNetConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The build a process runs: its version and a fingerprint of SmartNAS's own classes, so that a cluster's coordinator
 * tells a worker built from other code apart from one that only has the same version number.
 */
public final class BuildFingerprint {
    /** One class of each module, to find where its classes were loaded from. */
    private static final List<Class<?>> MODULES = List.of(SmartNetConfig.class, DjlEvaluator.class, ResultStore.class,
            Search.class, Coordinator.class, BuildFingerprint.class);

    private BuildFingerprint() {
    }

    /**
     * {@code version} and the first 12 hex digits of the SHA-256 of every SmartNAS class as loaded (by name, then
     * bytes), the modules' and those of {@code commandLine}'s module: two machines that built the same sources with
     * the same compiler agree.
     */
    public static String of(String version, Class<?> commandLine) {
        Map<String, byte[]> classes = new TreeMap<>();
        for (Class<?> module : Stream.concat(MODULES.stream(), Stream.of(commandLine)).toList()) {
            try {
                Path where = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(where)) {
                    try (Stream<Path> files = Files.walk(where)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                            classes.put(where.relativize(f).toString(), Files.readAllBytes(f));
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(where.toFile())) {
                        for (JarEntry e : new ArrayList<>(jar.stream().filter(e -> e.getName().endsWith(".class"))
                                .toList())) {
                            try (InputStream in = jar.getInputStream(e)) {
                                classes.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read SmartNAS's own classes", e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, bytes) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return version + "+" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
