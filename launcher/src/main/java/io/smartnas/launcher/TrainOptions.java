package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.TrainingSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The options of a single training (train, grow, prune): how long ({@code --epochs}, {@code --subset}), the loss
 * weights per exit, the seed, and how it trains ({@link TrainingOptions}, shared with the search).
 */
final class TrainOptions {
    /** The passes a training with a time limit and no {@code --epochs} may take: in effect, as many as fit. */
    static final int AS_MANY_AS_FIT = 10_000;

    @Option(names = "--epochs", description = "Passes over the training images, per exit with exit-by-exit "
            + "training (default 2; with train --time, as many as fit).")
    Integer epochs;

    @Option(names = "--subset", defaultValue = "0",
            description = "Train on this many images of the training split; 0 for all (default ${DEFAULT-VALUE}).")
    int subset;

    @Option(names = "--exit-weights", split = ",", paramLabel = "W",
            description = "Loss weight per exit in joint training (default: all 1).")
    List<Double> exitWeights = List.of();

    @Option(names = "--seed", defaultValue = "42", description = "Seeds the split, initialisation and shuffling "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    Fidelity fidelity() {
        return fidelity(false);
    }

    /** The fidelity, with {@link #AS_MANY_AS_FIT} epochs when none were given and {@code timed} says time limits. */
    Fidelity fidelity(boolean timed) {
        int passes = epochs != null ? epochs : timed ? AS_MANY_AS_FIT : 2;
        if (passes < 1) {
            throw new InvalidInputException("--epochs must be at least 1, got " + passes);
        }
        if (subset < 0) {
            throw new InvalidInputException("--subset must be 0 (all) or positive, got " + subset);
        }
        return new Fidelity(passes, subset);
    }

    @Mixin
    TrainingOptions training = new TrainingOptions();

    TrainingSettings settings() {
        return training.settings(exitWeights, seed);
    }
}
