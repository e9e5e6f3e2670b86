package io.smartnas.space.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a user wants of a network: at most this many parameters or parameter bytes, at most this latency per image at
 * the last exit, at least this validation accuracy at the last exit. Any subset may be set; an unset target is null.
 *
 * @param maxParams    most trainable parameters
 * @param maxBytes     most parameter memory in bytes (parameters and buffers, 4 bytes each)
 * @param maxLatencyMs most milliseconds per image at batch size 1
 * @param minAccuracy  least validation accuracy, a fraction in [0, 1]
 * @param latencyMode  which latency the time target and the latency objective are on
 */
public record Targets(Long maxParams, Long maxBytes, Double maxLatencyMs, Double minAccuracy,
                      LatencyMode latencyMode) {
    public static final Targets NONE = new Targets(null, null, null, null);

    /** Targets with the time target on the last exit's latency. */
    public Targets(Long maxParams, Long maxBytes, Double maxLatencyMs, Double minAccuracy) {
        this(maxParams, maxBytes, maxLatencyMs, minAccuracy, LatencyMode.LAST_EXIT);
    }

    public Targets {
        java.util.Objects.requireNonNull(latencyMode, "latencyMode");
        if (maxParams != null && maxParams < 1) {
            throw new IllegalArgumentException("the parameter target must be positive, got " + maxParams);
        }
        if (maxBytes != null && maxBytes < 1) {
            throw new IllegalArgumentException("the memory target must be positive, got " + maxBytes);
        }
        if (maxLatencyMs != null && !(maxLatencyMs > 0 && Double.isFinite(maxLatencyMs))) {
            throw new IllegalArgumentException("the latency target must be a positive, finite number of "
                    + "milliseconds, got " + maxLatencyMs);
        }
        if (minAccuracy != null && !(minAccuracy >= 0 && minAccuracy <= 1)) {
            throw new IllegalArgumentException("the accuracy target must be within [0, 1], got " + minAccuracy);
        }
    }

    /** The same targets, each replaced by the other's where the other sets it. */
    public Targets overriddenBy(Targets other) {
        return new Targets(other.maxParams != null ? other.maxParams : maxParams,
                other.maxBytes != null ? other.maxBytes : maxBytes,
                other.maxLatencyMs != null ? other.maxLatencyMs : maxLatencyMs,
                other.minAccuracy != null ? other.minAccuracy : minAccuracy,
                other.isEmpty() ? latencyMode : other.latencyMode);
    }

    /** The latency these targets are judged on: the last exit's, or the expected anytime latency. */
    public double latency(double lastExitMs, double anytimeMs) {
        return latencyMode == LatencyMode.ANYTIME ? anytimeMs : lastExitMs;
    }

    /** Whether the memory targets (parameters, bytes) alone already rule out a network of this size. */
    public boolean memoryExceeded(long params, long bytes) {
        return (maxParams != null && params > maxParams) || (maxBytes != null && bytes > maxBytes);
    }

    /**
     * The total relative violation of the targets by a measured network: the sum over set targets of how far it
     * misses, as a fraction of the target. 0 means feasible. A figure that was not measured (NaN) misses its target
     * fully (a violation of 1).
     */
    public double violation(long params, long bytes, double latencyMs, double accuracy) {
        double violation = 0;
        if (maxParams != null) {
            violation += Math.max(0, (params - (double) maxParams) / maxParams);
        }
        if (maxBytes != null) {
            violation += Math.max(0, (bytes - (double) maxBytes) / maxBytes);
        }
        if (maxLatencyMs != null) {
            violation += Double.isNaN(latencyMs) ? 1 : Math.max(0, (latencyMs - maxLatencyMs) / maxLatencyMs);
        }
        if (minAccuracy != null) {
            violation += Double.isNaN(accuracy) ? 1 : Math.max(0, (minAccuracy - accuracy) / Math.max(minAccuracy,
                    1e-9));
        }
        return violation;
    }

    /** The memory targets a network of this size misses, as {@link #misses} words them. */
    public List<String> memoryMisses(long params, long bytes) {
        return new Targets(maxParams, maxBytes, null, null).misses(params, bytes, Double.NaN, Double.NaN);
    }

    /** Each violated target with how far it is missed, e.g. {@code "latency 4.20 ms > 3.00 ms (+40%)"}. */
    public List<String> misses(long params, long bytes, double latencyMs, double accuracy) {
        List<String> misses = new ArrayList<>();
        if (maxParams != null && params > maxParams) {
            misses.add(String.format(Locale.ROOT, "params %,d > %,d (+%.0f%%)", params, maxParams,
                    100.0 * (params - maxParams) / maxParams));
        }
        if (maxBytes != null && bytes > maxBytes) {
            misses.add(String.format(Locale.ROOT, "memory %,d B > %,d B (+%.0f%%)", bytes, maxBytes,
                    100.0 * (bytes - maxBytes) / maxBytes));
        }
        if (maxLatencyMs != null && Double.isNaN(latencyMs)) {
            misses.add(String.format(Locale.ROOT, "latency not measured (target %.3f ms)", maxLatencyMs));
        } else if (maxLatencyMs != null && !(latencyMs <= maxLatencyMs)) {
            misses.add(String.format(Locale.ROOT, "latency %.3f ms > %.3f ms (+%.0f%%)", latencyMs, maxLatencyMs,
                    100.0 * (latencyMs - maxLatencyMs) / maxLatencyMs));
        }
        if (minAccuracy != null && Double.isNaN(accuracy)) {
            misses.add(String.format(Locale.ROOT, "accuracy not measured (target %.4f)", minAccuracy));
        } else if (minAccuracy != null && !(accuracy >= minAccuracy)) {
            misses.add(String.format(Locale.ROOT, "accuracy %.4f < %.4f (-%.1f points)", accuracy, minAccuracy,
                    100.0 * (minAccuracy - accuracy)));
        }
        return misses;
    }

    public boolean isEmpty() {
        return maxParams == null && maxBytes == null && maxLatencyMs == null && minAccuracy == null;
    }
}
