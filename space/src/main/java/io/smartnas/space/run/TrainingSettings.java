package io.smartnas.space.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a candidate is trained, apart from its fidelity (epochs and subset).
 *
 * @param mode         joint or exit by exit
 * @param batchSize    images per step
 * @param learningRate the peak learning rate of the one-cycle schedule
 * @param weightDecay  Adam's weight decay
 * @param exitWeights  loss weight per exit in joint training; empty means 1 for every exit
 * @param seed         seeds initialisation and shuffling
 * @param augmentation how training images are varied
 */
public record TrainingSettings(TrainingMode mode, int batchSize, float learningRate, float weightDecay,
                               List<Double> exitWeights, long seed, Augmentation augmentation) {
    /** The settings measured best on Fashion-MNIST (one learning rate and batch for all; docs/measurements/worth-running/ found the plain CNN recipe no better). */
    public static final TrainingSettings DEFAULT = new TrainingSettings(TrainingMode.JOINT, 64, 0.01f, 0f, List.of(),
            42, Augmentation.NONE);

    /** The largest batch: beyond it a step's activations outgrow any device SmartNAS is meant for. */
    public static final int MAX_BATCH_SIZE = 4096;

    public TrainingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(augmentation, "augmentation");
        exitWeights = List.copyOf(exitWeights);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (!(learningRate > 0 && Float.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must not be negative, got " + weightDecay);
        }
        if (exitWeights.stream().anyMatch(w -> !(w >= 0))) {
            throw new IllegalArgumentException("exit weights must not be negative, got " + exitWeights);
        }
    }

    public TrainingSettings withMode(TrainingMode newMode) {
        return new TrainingSettings(newMode, batchSize, learningRate, weightDecay, exitWeights, seed, augmentation);
    }

    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(mode, batchSize, learningRate, weightDecay, exitWeights, newSeed, augmentation);
    }

    /** The loss weight of exit {@code exit}. */
    public double exitWeight(int exit) {
        return exit < exitWeights.size() ? exitWeights.get(exit) : 1.0;
    }

    /** The settings as provenance entries. */
    public Map<String, String> provenance() {
        return Map.of("augmentation", augmentation.label(), "training", mode.label(), "batch_size", String.valueOf(batchSize),
                "optimizer", "adam, one-cycle", "learning_rate", String.valueOf(learningRate),
                "weight_decay", String.valueOf(weightDecay), "exit_weights",
                exitWeights.isEmpty() ? "all 1" : exitWeights.toString(), "seed", String.valueOf(seed));
    }
}
