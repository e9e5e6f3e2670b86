package io.smartnas.search;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Standing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which trained network a new candidate inherits from. The rule ({@link SmartNetConfig#sharedExitGroups}): a child
 * shares exit groups {@code 0..g-1} with a parent when the networks of their first {@code g} exits are equal
 * ({@link SmartNetConfig#prefix}: the same input,
 * classes, stem width and bottleneck, the same growth rate of rows {@code 0..g-1}, and the same cells, depths and Smart
 * Connections in columns {@code 0..g-1}). Those groups then have the same parameters with the same shapes computing
 * the same function of the image, so the child starts from the parent's trained values for them (and from scratch for
 * the rest) and trains the whole network from there. Among the kept networks, the child takes the one it shares most
 * groups with, the best-standing one among equals.
 */
final class Inheritance {
    /** A trained network that may be inherited from: its config, its standing, and its kept checkpoint. */
    record Parent(SmartNetConfig config, Standing standing, Checkpoints.Kept checkpoint) {
    }

    /** What a child takes: the parent and how many exit groups. */
    record Choice(Parent parent, int groups) {
    }

    private Inheritance() {
    }

    /** The parent {@code child} inherits from, if any of {@code parents} shares a group with it. */
    static Optional<Choice> choose(SmartNetConfig child, List<Parent> parents) {
        return parents.stream().filter(p -> !p.config().id().equals(child.id()))
                .map(p -> new Choice(p, child.sharedExitGroups(p.config())))
                .filter(c -> c.groups() > 0)
                .max(Comparator.comparingInt(Choice::groups)
                        .thenComparing(c -> c.parent().standing()));
    }
}
