package io.smartnas.evaluator.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory of this process (Java heap, native tensors and all), as the kernel counts it. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident set size in bytes, from {@code /proc/self/status}. */
    public static long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
    }
}
