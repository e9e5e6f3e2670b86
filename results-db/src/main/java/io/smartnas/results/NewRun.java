package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;

import java.util.Objects;

/**
 * What is known of a run when it starts.
 *
 * @param name       a name users recognise it by
 * @param strategy   how candidates are proposed, e.g. {@code genetic} or {@code random}
 * @param targets    the run's targets
 * @param settings   every setting of the run (space bounds, budget, data, fidelity, seed) as a JSON object
 * @param provenance where and with what it runs (versions, machine, devices) as a JSON object
 */
public record NewRun(String name, String strategy, Targets targets, String settings, String provenance) {
    public NewRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(provenance, "provenance");
    }
}
