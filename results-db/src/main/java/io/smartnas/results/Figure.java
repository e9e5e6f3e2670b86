package io.smartnas.results;

import java.util.Arrays;
import java.util.Locale;

/**
 * A measured figure that candidates can be ranked by, and which way is better. Candidates are measured on validation
 * images only (the test images are read once, by the run's final training), so test accuracy is none of them.
 */
public enum Figure {
    ACCURACY(true), LATENCY_MS(false), ANYTIME_LATENCY_MS(false), PARAMS(false), BYTES(false), MACS(false);

    private final boolean higherIsBetter;

    Figure(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The name on the command line: {@code accuracy}, {@code latency_ms}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Figure ofLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown figure '" + label + "'; one of "
                        + Arrays.stream(values()).map(Figure::label).toList()));
    }
}
