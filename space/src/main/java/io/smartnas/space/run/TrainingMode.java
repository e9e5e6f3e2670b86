package io.smartnas.space.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the exits of a SmartNet are trained. */
public enum TrainingMode {
    /** Every exit at once; the loss is the weighted sum of the exits' cross-entropies. */
    JOINT,
    /**
     * Exit group 0 with exit 0, then frozen; group 1 with exit 1, then frozen; and so on. Adding an exit never changes
     * the answers of the earlier ones.
     */
    EXIT_BY_EXIT;

    /** The name on the command line and in results: {@code joint}, {@code exit-by-exit}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException if no mode has this label */
    @JsonCreator
    public static TrainingMode ofLabel(String label) {
        for (TrainingMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("training must be joint or exit-by-exit, got '" + label + "'");
    }
}
