package io.smartnas.space.run;

/**
 * Guided mutation, beside crossover and random mutation: with probability {@code share}, a child is its parent with the
 * Smart Connections and layers the parent's trained network used least taken out, keeping {@code keep} of their
 * importance ({@link io.smartnas.space.importance.Pruning}). JSON form: {@code {"share": 0.25, "keep": 0.9}}.
 *
 * @param share the probability that a child is made so (a parent whose importance is not known yet is bred as usual)
 * @param keep  the share of the parent's importance the child keeps
 */
public record GuidedMutation(double share, double keep) {
    public GuidedMutation {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("guided_mutation.share must be a probability, 0 to 1, got " + share);
        }
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("guided_mutation.keep must be a share, 0 to 1, got " + keep);
        }
    }
}
