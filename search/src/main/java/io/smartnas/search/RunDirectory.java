package io.smartnas.search;

import java.nio.file.Path;

/**
 * What a run's directory (and an export's) holds: the best config as {@code best.json} (the front as
 * {@code pareto-NN-ID.json}), the trained model in {@code model/} (a model directory, whose own layout the evaluator
 * owns), and the checkpoints of a run with rungs or inheritance in {@code checkpoints/}.
 */
final class RunDirectory {
    static final String BEST = "best.json";

    private RunDirectory() {
    }

    /** Where the run's (or export's) trained model is kept. */
    static Path model(Path dir) {
        return dir.resolve("model");
    }

    /** Where the run keeps its checkpoints. */
    static Path checkpoints(Path dir) {
        return dir.resolve("checkpoints");
    }

    /** The config file of a Pareto front's member of {@code rank} (from 0). */
    static Path pareto(Path dir, int rank, String id) {
        return dir.resolve(String.format("pareto-%02d-%s.json", rank + 1, id));
    }
}
