package io.smartnas.search;

import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.FinalTraining;
import io.smartnas.space.run.RunDescription;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a search decides by: how it proposes and ranks candidates, its targets and budget, the space, the
 * fidelity every candidate is measured at, the kind of device it measures on (a measurement is reused only from the
 * same kind), the seed, and the run's last step ({@code finalTraining}, null when the run ends with its search).
 */
public record SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget,
                             SpaceBounds bounds, Fidelity fidelity, String deviceClass, long seed,
                             FinalTraining finalTraining) {
    /** Settings of a run that ends with its search. */
    public SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget, SpaceBounds bounds,
                          Fidelity fidelity, String deviceClass, long seed) {
        this(strategy, objective, targets, budget, bounds, fidelity, deviceClass, seed, null);
    }

    public SearchSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(fidelity, "fidelity");
        Objects.requireNonNull(deviceClass, "deviceClass");
        if (finalTraining != null) {
            Duration reserve;
            try {
                finalTraining.fidelity();
                reserve = finalTraining.reserve(budget.time());
            } catch (IllegalArgumentException | InvalidInputException e) {
                throw new IllegalArgumentException("final_training: " + e.getMessage(), e);
            }
            if (budget.time() != null && reserve.compareTo(budget.time()) >= 0) {
                throw new IllegalArgumentException("final_training.time (" + finalTraining.time() + ") must leave "
                        + "the search part of the run's time (" + budget.time() + ")");
            }
        }
    }

    /** When the search itself must end, for a run that must end by {@code deadline}: before its final training. */
    Instant searchDeadline(Instant deadline) {
        return deadline == null || finalTraining == null ? deadline
                : deadline.minus(finalTraining.reserve(budget.time()));
    }

    /**
     * What a run description asks of the search, on images of {@code input} in {@code classes} classes, measured on
     * the kind of device the description records.
     *
     * @throws InvalidInputException naming the setting that is out of range
     */
    public static SearchSettings of(RunDescription run, InputShape input, int classes) {
        try {
            RunDescription.SpaceSettings space = run.space();
            SpaceBounds bounds = new SpaceBounds(space.maxSize(), space.maxDepth(), space.stemWidths(),
                    space.growthRates(), input, classes, SmartNetConfig.DEFAULT_BOTTLENECK);
            return new SearchSettings(Strategy.ofLabel(run.strategy()), Objective.ofLabel(run.objective()),
                    run.parsedTargets(), new Budget(run.population(), run.evaluations(), run.generations(),
                    run.timeLimit(), run.steady()), bounds, run.fidelity(), run.deviceClass(), run.seed(),
                    run.finalTraining());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
