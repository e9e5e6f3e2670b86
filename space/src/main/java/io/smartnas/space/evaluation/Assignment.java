package io.smartnas.space.evaluation;

import io.smartnas.space.SmartNetConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One candidate to train and measure: its network, how much to train it, what to start from, and where to keep what
 * it became.
 *
 * @param config      the network
 * @param fidelity    the training it gets now
 * @param startFrom   a checkpoint whose exit groups {@code 0..startGroups-1} the network starts from (its own at the
 *                    rung below, or a parent's whose first columns are its own), or null to start from scratch
 * @param startGroups how many exit groups to take from {@code startFrom}; 0 when it is null
 * @param checkpoint  a directory to save the trained network to (for the next rung or for children), or null
 */
public record Assignment(SmartNetConfig config, Fidelity fidelity, Path startFrom, int startGroups,
                         Path checkpoint) {
    public Assignment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(fidelity, "fidelity");
        if ((startFrom == null) != (startGroups == 0) || startGroups < 0 || startGroups > config.size()) {
            throw new IllegalArgumentException("start from a checkpoint with 1 to " + config.size()
                    + " exit groups, or from scratch with none; got " + startFrom + " with " + startGroups);
        }
    }

    /** Training from scratch, keeping nothing. */
    public static Assignment fresh(SmartNetConfig config, Fidelity fidelity) {
        return new Assignment(config, fidelity, null, 0, null);
    }

    /** Each config trained from scratch at {@code fidelity}, keeping nothing. */
    public static List<Assignment> fresh(List<SmartNetConfig> configs, Fidelity fidelity) {
        return configs.stream().map(c -> fresh(c, fidelity)).toList();
    }
}
