package io.smartnas.space.evaluation;

import java.util.Arrays;
import java.util.Locale;

/** Which latency a time target is set on. */
public enum LatencyMode {
    /** Running every input to the last exit. */
    LAST_EXIT,
    /** The expected latency of anytime inference under the network's calibrated exit policy. */
    ANYTIME;

    /** The name on the command line and in the database: {@code last-exit}, {@code anytime}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException if no mode has this label */
    public static LatencyMode ofLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("latency mode must be last-exit or anytime, got '"
                        + label + "'"));
    }
}
