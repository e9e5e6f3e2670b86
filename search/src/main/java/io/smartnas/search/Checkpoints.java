package io.smartnas.search;

import io.smartnas.results.ResultStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The trained networks a run keeps on disk, one directory per candidate and rung, each referenced from the evaluation
 * that wrote it: for the candidate's next rung, or for children to inherit from. {@link #prune} deletes those no
 * promotion and no child can use any more, and forgets them in the store, so disk use stays bounded. Not thread-safe.
 */
final class Checkpoints {
    /** A kept checkpoint: the evaluation that wrote it, of which candidate, on which rung. */
    record Kept(String configId, int rung, long evaluationId, Path dir) {
    }

    private final Path root;
    private final ResultStore store;
    private final Map<String, Kept> kept = new LinkedHashMap<>();

    Checkpoints(Path root, ResultStore store) {
        this.root = root;
        this.store = store;
    }

    /** Where the checkpoint of a candidate on a rung goes. */
    Path dir(String configId, int rung) {
        return root.resolve(configId + "-rung-" + rung);
    }

    /** A checkpoint the evaluation {@code evaluationId} wrote; one no longer on disk is forgotten instead. */
    void add(String configId, int rung, long evaluationId, Path dir) {
        if (Files.isDirectory(dir)) {
            kept.put(key(configId, rung), new Kept(configId, rung, evaluationId, dir));
        } else {
            store.dropCheckpoint(evaluationId);
        }
    }

    /** The checkpoint of a candidate on a rung, or null. */
    Kept of(String configId, int rung) {
        return kept.get(key(configId, rung));
    }

    /** Every kept checkpoint, in the order they were written. */
    List<Kept> all() {
        return List.copyOf(kept.values());
    }

    /**
     * Deletes every checkpoint {@code keep} does not want, and every directory under the root that no stored
     * evaluation references (one written by a process killed before it stored its evaluation).
     *
     * @return how many were deleted
     */
    int prune(Predicate<Kept> keep) {
        int deleted = 0;
        for (Kept k : List.copyOf(kept.values())) {
            if (!keep.test(k)) {
                delete(k.dir());
                store.dropCheckpoint(k.evaluationId());
                kept.remove(key(k.configId(), k.rung()));
                deleted++;
            }
        }
        if (Files.isDirectory(root)) {
            List<Path> referenced = kept.values().stream().map(Kept::dir).toList();
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path dir : dirs.filter(d -> !referenced.contains(d)).toList()) {
                    delete(dir);
                    deleted++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the checkpoints in " + root, e);
            }
        }
        return deleted;
    }

    /** The bytes the kept checkpoints take on disk. */
    long bytes() {
        long bytes = 0;
        for (Kept k : kept.values()) {
            try (Stream<Path> files = Files.walk(k.dir())) {
                bytes += files.filter(Files::isRegularFile).mapToLong(Checkpoints::size).sum();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the checkpoint " + k.dir(), e);
            }
        }
        return bytes;
    }

    int count() {
        return kept.size();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> deepestFirst = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoint " + dir, e);
        }
    }

    private static String key(String configId, int rung) {
        return configId + "/" + rung;
    }
}
