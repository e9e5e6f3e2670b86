package io.smartnas.space.run;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Targets as a user writes them, in a settings file or on the command line: sizes like {@code 200KB}, accuracies like
 * {@code 90%}. Any subset may be set; unset ones are null.
 *
 * @param maxParams    most trainable parameters
 * @param maxMemory    most parameter memory: bytes, or with KB, MB, GB (1000s) or KiB, MiB, GiB (1024s)
 * @param maxLatencyMs most milliseconds per image
 * @param minAccuracy  least validation accuracy: a fraction ({@code 0.9}) or a percentage ({@code 90%})
 * @param latencyMode  {@code last-exit} (default) or {@code anytime}
 */
public record TargetSettings(Long maxParams, String maxMemory, Double maxLatencyMs, String minAccuracy,
                             String latencyMode) {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([KMG]i?B|B)?",
            Pattern.CASE_INSENSITIVE);

    /**
     * The targets these settings describe.
     *
     * @throws InvalidInputException naming the target that does not read or is out of range
     */
    public Targets targets() {
        try {
            return new Targets(maxParams, maxMemory == null ? null : bytes(maxMemory), maxLatencyMs,
                    minAccuracy == null ? null : accuracy(minAccuracy),
                    latencyMode == null ? LatencyMode.LAST_EXIT : LatencyMode.ofLabel(latencyMode));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A size like {@code 200000}, {@code 200KB} or {@code 1.5MiB}, in bytes. */
    public static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("max memory must be a size like 200000, 200KB or 1.5MiB, got '" + text
                    + "'");
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

    /** An accuracy like {@code 0.9} or {@code 90%}, as a fraction. */
    public static double accuracy(String text) {
        String t = text.strip();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("min accuracy must be a fraction like 0.9 or a percentage like 90%, got '"
                    + text + "'");
        }
    }
}
