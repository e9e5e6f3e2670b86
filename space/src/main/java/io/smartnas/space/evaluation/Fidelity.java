package io.smartnas.space.evaluation;

/**
 * How much training a measurement got: two measurements of one config are interchangeable only at equal fidelity.
 *
 * @param epochs passes over the training examples, at least 1
 * @param subset training examples used, or 0 for the whole training split
 */
public record Fidelity(int epochs, int subset) {
    public Fidelity {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (subset < 0) {
            throw new IllegalArgumentException("subset must be 0 (all) or positive, got " + subset);
        }
    }

    @Override
    public String toString() {
        return epochs + " epoch(s) on " + (subset == 0 ? "all" : subset) + " examples";
    }
}
