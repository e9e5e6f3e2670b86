package io.smartnas.search;

import java.util.Arrays;
import java.util.Locale;

/** What the search optimises once the targets are met. */
public enum Objective {
    /** Accuracy up, latency and memory down, at once: the result is a Pareto front. */
    MULTI,
    /** Accuracy alone; latency and memory count only through their targets. */
    ACCURACY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Objective ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("objective must be multi or accuracy, got '" + label
                        + "'"));
    }
}
