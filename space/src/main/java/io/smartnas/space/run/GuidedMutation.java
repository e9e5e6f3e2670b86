package io.smartnas.space.run;

/**
 * Guided mutation, beside crossover and random mutation: with probability {@code share}, a child is its parent without
 * the {@code drop} share of its Smart Connections and layers that the parent's trained network used least
 * ({@link io.smartnas.space.importance.Pruning#leastUsed}: those below the parent's own {@code drop}-quantile of
 * importance, at least one). JSON form: {@code {"share": 0.25, "drop": 0.1}}.
 *
 * @param share the probability that a child is made so (a parent whose importance is not known yet is bred as usual)
 * @param drop  the share of the parent's Smart Connections and layers the child goes without
 */
public record GuidedMutation(double share, double drop) {
    public GuidedMutation {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("guided_mutation.share must be a probability, 0 to 1, got " + share);
        }
        if (!(drop >= 0 && drop <= 1)) {
            throw new IllegalArgumentException("guided_mutation.drop must be a share, 0 to 1, got " + drop);
        }
    }
}
