package io.smartnas.search;

import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;

import java.util.Objects;

/**
 * Everything a search decides by: how it proposes and ranks candidates, its targets and budget, the space, the
 * fidelity every candidate is measured at, and the seed.
 */
public record SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget,
                             SpaceBounds bounds, Fidelity fidelity, long seed) {
    public SearchSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(fidelity, "fidelity");
    }
}
