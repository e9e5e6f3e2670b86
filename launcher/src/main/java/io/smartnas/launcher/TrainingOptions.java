package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.TrainingSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * How a network trains, the one set of options for every command that trains (search, train, grow, prune): mode,
 * batch size, peak learning rate and augmentation. An option not given keeps the default it is laid over:
 * {@link TrainingSettings#DEFAULT} for a single training, the preset and the settings file for a search. Jackson writes
 * the given ones in the run description's form ({@code "training": {"mode", "batch_size", "learning_rate",
 * "augmentation"}}).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class TrainingOptions {
    @Option(names = "--training", paramLabel = "joint|exit-by-exit", description = "Joint: the weighted sum of every "
            + "exit's loss; exit-by-exit: each exit group trained with its exit, the earlier ones frozen (default "
            + "joint, or the preset's).")
    @JsonProperty("mode")
    String mode;

    @Option(names = "--batch-size", paramLabel = "B", description = "Images per step (default 64, or the preset's).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate of Adam's one-cycle schedule "
            + "(default 0.01, or the preset's).")
    Float learningRate;

    @Mixin
    AugmentationOptions augmentation;

    /** Training images varied as they are drawn. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class AugmentationOptions {
        @Option(names = "--crop-padding", paramLabel = "P", description = "Augment training images with a random "
                + "crop of the image padded by P pixels: a shift of up to P pixels each way (default 0, none).")
        Integer cropPadding;

        @Option(names = "--flip", description = "Augment training images by mirroring half of them left to right.")
        Boolean flip;
    }

    /** These options over {@link TrainingSettings#DEFAULT}, with the loss weights and seed of a single training. */
    TrainingSettings settings(List<Double> exitWeights, long seed) {
        TrainingSettings d = TrainingSettings.DEFAULT;
        try {
            return new TrainingSettings(mode == null ? d.mode() : mode(), batchSize == null ? d.batchSize() : batchSize,
                    learningRate == null ? d.learningRate() : learningRate, d.weightDecay(), exitWeights, seed,
                    augmentation());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private Augmentation augmentation() {
        return augmentation == null ? Augmentation.NONE : new Augmentation(augmentation.cropPadding == null ? 0
                : augmentation.cropPadding, Boolean.TRUE.equals(augmentation.flip));
    }

    private TrainingMode mode() {
        try {
            return TrainingMode.ofLabel(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--" + e.getMessage());
        }
    }
}
