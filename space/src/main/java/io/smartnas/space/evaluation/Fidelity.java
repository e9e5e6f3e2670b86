package io.smartnas.space.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How much training a measurement got: two measurements of one config are interchangeable only at equal fidelity.
 * A fidelity of equal time ({@code seconds} above 0) trains every candidate for the same wall time, the learning-rate
 * schedule on time, so that a network that costs less to train sees more images, as it will in a final training of a
 * fixed time; {@code epochs} is then the most passes it may take.
 *
 * <p>A network cut out of a supernet ({@code supernet} names it) starts from the supernet's weights: with no more
 * training ({@code epochs} 0, {@link #inherited}), or fine-tuned for the epochs and seconds given. It is never
 * interchangeable with a network trained from scratch, nor with one cut from another supernet.
 *
 * @param epochs   passes over the training examples, at least 1 (the most, with {@code seconds}); 0 only for a network
 *                 inherited from a supernet and not trained further
 * @param subset   training examples used, or 0 for the whole training split
 * @param seconds  seconds of training, or 0 for as long as the epochs take
 * @param supernet the id of the supernet the network's weights were cut from, or empty for a network trained from
 *                 scratch
 */
public record Fidelity(int epochs, int subset, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int seconds,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) String supernet) {
    public Fidelity {
        supernet = supernet == null ? "" : supernet;
        if (epochs < (supernet.isEmpty() ? 1 : 0)) {
            throw new IllegalArgumentException("epochs must be at least 1" + (supernet.isEmpty() ? ""
                    : " (or 0 for no training after inheriting)") + ", got " + epochs);
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

    /** Training from scratch. */
    public Fidelity(int epochs, int subset, int seconds) {
        this(epochs, subset, seconds, "");
    }

    /** A network's weights cut out of supernet {@code supernet}, with no training after. */
    public static Fidelity inherited(String supernet) {
        if (supernet == null || supernet.isEmpty()) {
            throw new IllegalArgumentException("an inherited fidelity names its supernet");
        }
        return new Fidelity(0, 0, 0, supernet);
    }

    /** This training, after inheriting the weights of supernet {@code id}. */
    public Fidelity after(String id) {
        return new Fidelity(epochs, subset, seconds, id);
    }

    /** Whether the network started from a supernet's weights. */
    public boolean inherits() {
        return !supernet.isEmpty();
    }

    /** Whether every candidate trains for the same time at this fidelity. */
    public boolean timed() {
        return seconds > 0;
    }

    @Override
    public String toString() {
        String passes = epochs + " epoch(s) on " + (subset == 0 ? "all" : subset) + " examples";
        String training = timed() ? seconds + " s of training (at most " + passes + ")" : passes;
        return !inherits() ? training : "inherited from supernet " + supernet + (epochs == 0 ? ""
                : ", then " + training);
    }
}
