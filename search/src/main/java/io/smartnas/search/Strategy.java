package io.smartnas.search;

import java.util.Arrays;
import java.util.Locale;

/** How candidates are proposed. */
public enum Strategy {
    /** Evolution: NSGA-II selection (or tournament, with one objective), uniform crossover and mutation. */
    GENETIC,
    /** Uniform draws from the space, gene by gene: the baseline every NAS method is compared with. */
    RANDOM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Strategy ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy must be genetic or random, got '" + label
                        + "'"));
    }
}
