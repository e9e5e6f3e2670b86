package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Targets on the command line: at most this many parameters, bytes or milliseconds, at least this accuracy. */
final class TargetOptions {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([KMG]i?B|B)?",
            Pattern.CASE_INSENSITIVE);

    @Option(names = "--max-params", paramLabel = "N", description = "At most N trainable parameters.")
    Long maxParams;

    @Option(names = "--max-memory", paramLabel = "BYTES",
            description = "At most this much parameter memory (parameters and buffers, 4 bytes each); "
                    + "a number of bytes, or with KB, MB (1000s) or KiB, MiB (1024s).")
    String maxMemory;

    @Option(names = "--max-latency-ms", paramLabel = "X",
            description = "At most X milliseconds per image at batch size 1, at the last exit.")
    Double maxLatencyMs;

    @Option(names = "--min-accuracy", paramLabel = "A",
            description = "At least this validation accuracy at the last exit: a fraction (0.9) or a percentage "
                    + "(90%%).")
    String minAccuracy;

    @Option(names = "--latency-mode", paramLabel = "last-exit|anytime",
            description = "Which latency the time target and the latency objective are on: the last exit's, or the "
                    + "expected latency of anytime inference under the calibrated exit policy (default last-exit).")
    String latencyMode;

    Targets targets() {
        try {
            return new Targets(maxParams, maxMemory == null ? null : bytes(maxMemory), maxLatencyMs,
                    minAccuracy == null ? null : accuracy(minAccuracy),
                    latencyMode == null ? LatencyMode.LAST_EXIT : LatencyMode.ofLabel(latencyMode));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("--max-memory must be a size like 200000, 200KB or 1.5MiB, got '"
                    + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        double factor = switch (unit) {
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "KIB" -> 1024;
            case "MIB" -> 1024 * 1024;
            case "GIB" -> 1024.0 * 1024 * 1024;
            default -> 1;
        };
        return Math.round(value * factor);
    }

    static double accuracy(String text) {
        String t = text.strip();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--min-accuracy must be a fraction like 0.9 or a percentage like 90%, "
                    + "got '" + text + "'");
        }
    }
}
