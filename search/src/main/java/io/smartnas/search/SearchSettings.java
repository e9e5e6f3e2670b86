package io.smartnas.search;

import io.smartnas.space.run.Durations;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.FinalTraining;
import io.smartnas.space.run.GuidedMutation;
import io.smartnas.space.run.RunDescription;
import io.smartnas.space.run.Rungs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a search decides by: how it proposes and ranks candidates, its targets and budget, the space, the
 * fidelity every new candidate is measured at (rung 0) and the rungs above it ({@code rungs}, null for none), whether
 * new candidates inherit from trained ones ({@code inherit}), how children are made by pruning ({@code guided}, null
 * for no guided mutation), the kind of device it measures on (a measurement is
 * reused only from the same kind), the seed, and the run's last step ({@code finalTraining}, null when the run ends with
 * its search).
 */
public record SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget,
                             SpaceBounds bounds, Fidelity fidelity, String deviceClass, long seed,
                             FinalTraining finalTraining, Rungs rungs, boolean inherit, GuidedMutation guided) {
    /** Settings of a run without guided mutation. */
    public SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget, SpaceBounds bounds,
                          Fidelity fidelity, String deviceClass, long seed, FinalTraining finalTraining, Rungs rungs,
                          boolean inherit) {
        this(strategy, objective, targets, budget, bounds, fidelity, deviceClass, seed, finalTraining, rungs, inherit,
                null);
    }

    /** Settings of a run that ends with its search. */
    public SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget, SpaceBounds bounds,
                          Fidelity fidelity, String deviceClass, long seed) {
        this(strategy, objective, targets, budget, bounds, fidelity, deviceClass, seed, null);
    }

    /** Settings of a run at one fidelity, without inheritance. */
    public SearchSettings(Strategy strategy, Objective objective, Targets targets, Budget budget, SpaceBounds bounds,
                          Fidelity fidelity, String deviceClass, long seed, FinalTraining finalTraining) {
        this(strategy, objective, targets, budget, bounds, fidelity, deviceClass, seed, finalTraining, null, false);
    }

    /** The fidelity of every rung, from rung 0 (the fidelity every new candidate trains at) up. */
    List<Fidelity> ladder() {
        return rungs == null ? List.of(fidelity) : rungs.ladder(fidelity);
    }

    /** Whether the run keeps trained networks on disk: to promote them, or for children to inherit from. */
    boolean keepsCheckpoints() {
        return rungs != null || inherit;
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
                finalTraining.fidelity(1);
                reserve = finalTraining.reserve(budget.time());
            } catch (IllegalArgumentException | InvalidInputException e) {
                throw new IllegalArgumentException("final_training: " + e.getMessage(), e);
            }
            if (finalTraining.fillsTime() && budget.time() == null) {
                throw new IllegalArgumentException("final_training.epochs 0 trains as many epochs as fit in its "
                        + "time, so the run needs a time budget (--time), or give final_training a number of epochs");
            }
            if (budget.time() != null && reserve.compareTo(budget.time()) >= 0) {
                throw new IllegalArgumentException("final_training.time (" + finalTraining.time() + ") must leave "
                        + "the search part of the run's time (" + Durations.text(budget.time()) + ")");
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
                    space.growthRates(), input, classes, SmartNetConfig.DEFAULT_BOTTLENECK, space.basesOrDefault());
            return new SearchSettings(Strategy.ofLabel(run.strategy()), Objective.ofLabel(run.objective()),
                    run.parsedTargets(), new Budget(run.population(), run.evaluations(), run.generations(),
                    run.timeLimit(), run.steady()), bounds, run.fidelity(), run.deviceClass(), run.seed(),
                    run.finalTraining(), run.rungs(), run.inherits(), run.guidedMutation());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
