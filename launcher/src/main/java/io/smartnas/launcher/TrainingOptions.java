package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.TrainingSettings;
import picocli.CommandLine.Option;

import java.util.List;

/** The options that say how a network trains: fidelity, mode, optimiser, augmentation and seed. */
final class TrainingOptions {
    /** The passes a training with a time limit and no {@code --epochs} may take: in effect, as many as fit. */
    static final int AS_MANY_AS_FIT = 10_000;

    @Option(names = "--epochs", description = "Passes over the training images, per exit with exit-by-exit "
            + "training (default 2; with train --time, as many as fit).")
    Integer epochs;

    @Option(names = "--subset", defaultValue = "0",
            description = "Train on this many images of the training split; 0 for all (default ${DEFAULT-VALUE}).")
    int subset;

    @Option(names = "--training", defaultValue = "joint", paramLabel = "joint|exit-by-exit",
            description = "Joint: the weighted sum of every exit's loss; exit-by-exit: each exit group trained with "
                    + "its exit, the earlier ones frozen (default ${DEFAULT-VALUE}).")
    String training;

    @Option(names = "--exit-weights", split = ",", paramLabel = "W",
            description = "Loss weight per exit in joint training (default: all 1).")
    List<Double> exitWeights = List.of();

    @Option(names = "--batch-size", description = "Images per step (default: 64).")
    Integer batchSize;

    @Option(names = "--lr", description = "Peak learning rate of Adam's one-cycle schedule (default: 0.01).")
    Float learningRate;

    @Option(names = "--crop-padding", defaultValue = "0", paramLabel = "P", description = "Augment training images "
            + "with a random crop of the image padded by P pixels: a shift of up to P pixels each way (default "
            + "${DEFAULT-VALUE}, none).")
    int cropPadding;

    @Option(names = "--flip", description = "Augment training images by mirroring half of them left to right.")
    boolean flip;

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

    TrainingSettings settings() {
        TrainingSettings d = TrainingSettings.DEFAULT;
        try {
            return new TrainingSettings(mode(), batchSize == null ? d.batchSize() : batchSize,
                    learningRate == null ? d.learningRate() : learningRate, d.weightDecay(), exitWeights, seed,
                    new Augmentation(cropPadding, flip));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private TrainingMode mode() {
        try {
            return TrainingMode.ofLabel(training);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--" + e.getMessage());
        }
    }
}
