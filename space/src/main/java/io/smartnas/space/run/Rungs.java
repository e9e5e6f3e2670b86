package io.smartnas.space.run;

import io.smartnas.space.evaluation.Fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fidelity ladder of a run with successive halving: every new candidate trains at the run's {@code fidelity}
 * (rung 0); the best {@code 1 / reduction} of the candidates measured at a rung are promoted to the next one, where they
 * go on training from their checkpoint for that rung's fidelity more (asynchronous successive halving, ASHA: a rung
 * never waits to fill; a candidate is promoted as soon as it is in the best share of those measured there so far).
 * JSON form: {@code {"above": [{"epochs": 1, "subset": 15000}, {"epochs": 2, "subset": 0}], "reduction": 3}}.
 *
 * @param above     the fidelities of rungs 1, 2, ...: what a promoted candidate trains at each, on top of the rungs
 *                  below
 * @param reduction how many candidates of a rung for each one promoted from it, at least 2
 */
public record Rungs(List<Fidelity> above, int reduction) {
    public Rungs {
        Objects.requireNonNull(above, "above");
        above = List.copyOf(above);
        if (above.isEmpty()) {
            throw new IllegalArgumentException("rungs.above must name at least one rung above the fidelity");
        }
        if (reduction < 2) {
            throw new IllegalArgumentException("rungs.reduction must be at least 2, got " + reduction);
        }
    }

    /** The whole ladder: {@code first} (the run's fidelity, rung 0), then the rungs above it. */
    public List<Fidelity> ladder(Fidelity first) {
        List<Fidelity> ladder = new ArrayList<>();
        ladder.add(first);
        ladder.addAll(above);
        return List.copyOf(ladder);
    }
}
