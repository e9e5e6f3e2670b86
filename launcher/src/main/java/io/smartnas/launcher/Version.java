package io.smartnas.launcher;

import io.smartnas.cluster.Coordinator;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.results.ResultStore;
import io.smartnas.search.Search;
import io.smartnas.space.SmartNetConfig;
import picocli.CommandLine;

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

/** The project version, from the launcher jar's manifest, and the build: a fingerprint of SmartNAS's own classes. */
final class Version implements CommandLine.IVersionProvider {
    /** One class of each module, to find where its classes were loaded from. */
    private static final List<Class<?>> MODULES = List.of(SmartNetConfig.class, DjlEvaluator.class, ResultStore.class,
            Search.class, Coordinator.class, SmartNas.class);

    /** The version of this build, or {@code "dev"} when run from classes rather than the jar. */
    static String current() {
        String version = SmartNas.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * The version and the first 12 hex digits of the SHA-256 of every SmartNAS class as loaded (by name, then bytes):
     * two machines that built the same sources with the same compiler agree, and a worker built from other code is
     * told apart from one that only has the same version number.
     */
    static String build() {
        Map<String, byte[]> classes = new TreeMap<>();
        for (Class<?> module : MODULES) {
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
            return current() + "+" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"smartnas " + current() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
