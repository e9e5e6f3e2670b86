package io.smartnas.space.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How much training a measurement got: two measurements of one config are interchangeable only at equal fidelity.
 * A fidelity of equal time ({@code seconds} above 0) trains every candidate for the same wall time, the learning-rate
 * schedule on time, so that a network that costs less to train sees more images, as it will in a final training of a
 * fixed time; {@code epochs} is then the most passes it may take.
 *
 * @param epochs  passes over the training examples, at least 1 (the most, with {@code seconds})
 * @param subset  training examples used, or 0 for the whole training split
 * @param seconds seconds of training, or 0 for as long as the epochs take
 */
public record Fidelity(int epochs, int subset, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int seconds) {
    public Fidelity {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (subset < 0) {
            throw new IllegalArgumentException("subset must be 0 (all) or positive, got " + subset);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be 0 (no time limit) or positive, got " + seconds);
        }
    }

    /** A fidelity of epochs, without a time limit. */
    public Fidelity(int epochs, int subset) {
        this(epochs, subset, 0);
    }

    /** Whether every candidate trains for the same time at this fidelity. */
    public boolean timed() {
        return seconds > 0;
    }

    @Override
    public String toString() {
        String passes = epochs + " epoch(s) on " + (subset == 0 ? "all" : subset) + " examples";
        return timed() ? seconds + " s of training (at most " + passes + ")" : passes;
    }
}
