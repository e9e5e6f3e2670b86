package io.smartnas.search;

import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;

/** Search settings for tests on the synthetic evaluator. */
final class TestSettings {
    static final SpaceBounds BOUNDS = SpaceBounds.fashionMnist(4, 4);
    static final Fidelity FIDELITY = new Fidelity(1, 500);
    /** Binding targets: at most 40,000 parameters and 2.5 ms. */
    static final Targets TARGETS = new Targets(40_000L, null, 2.5, null);

    private TestSettings() {
    }

    static SearchSettings of(Strategy strategy, long seed, int population, int evaluations, Targets targets) {
        return new SearchSettings(strategy, Objective.MULTI, targets, new Budget(population, evaluations, null, null,
                null), BOUNDS, FIDELITY, SyntheticEvaluator.DEVICE, seed);
    }
}
