package io.smartnas.search;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.cost.ExitCost;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.TimeUpException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A test-only evaluator that trains nothing, so that a search can be tested in milliseconds. Latency is proportional
 * to the cost model's MACs; anytime inference is taken to cost the first exit plus 40% of the way to the last.
 * Accuracy has the locality of real NAS landscapes (networks that differ in few decisions score alike): it falls with
 * the number of decisions in which a network differs from a hidden architecture (its size, growth per row, depth per
 * cell, Smart Connections). Remembers every config it was asked to "train".
 */
class SyntheticEvaluator implements Evaluator {
    /** The device its measurements name, and so the kind of device a search on it reuses measurements from. */
    static final String DEVICE = "synthetic";

    final List<SmartNetConfig> trained = new ArrayList<>();
    /** Every assignment it was asked to "train", in order. */
    final List<Assignment> assignments = new ArrayList<>();
    /** Bytes of the checkpoint file it writes when asked to keep one. */
    static final int CHECKPOINT_BYTES = 1000;
    /** What it was asked to keep: the config, its most fidelity and its training time. */
    record Kept(SmartNetConfig config, Fidelity fidelity, Duration trainingTime) {
    }

    final List<Kept> kept = new ArrayList<>();

    /**
     * "Trains" each assignment: a checkpoint it starts from must exist; one it keeps is written as a file of
     * {@link #CHECKPOINT_BYTES} bytes. A higher rung (more images) and an inherited start score higher.
     */
    @Override
    public List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult) {
        List<Evaluation> results = new ArrayList<>();
        for (Assignment a : batch) {
            SmartNetConfig config = a.config();
            Evaluation e;
            try {
                before(config);
                if (a.startFrom() != null && !Files.isRegularFile(a.startFrom().resolve("checkpoint"))) {
                    throw new AssertionError("no checkpoint to start from in " + a.startFrom());
                }
                trained.add(config);
                assignments.add(a);
                e = measure(config, a.fidelity(), 0.01 * Math.log1p(a.fidelity().epochs()
                        * (a.fidelity().subset() == 0 ? 50_000 : a.fidelity().subset()) / 1000.0)
                        + 0.005 * a.startGroups());
                if (a.checkpoint() != null) {
                    Files.createDirectories(a.checkpoint());
                    Files.write(a.checkpoint().resolve("checkpoint"), new byte[CHECKPOINT_BYTES]);
                }
            } catch (TimeUpException timeUp) {
                e = cut(config, a.fidelity(), timeUp);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            results.add(e);
            onResult.accept(e);
        }
        return results;
    }

    /** "Trains" the candidate like a batch's, and writes its id into {@code modelDir}'s config file. */
    @Override
    public Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration trainingTime, Path modelDir) {
        try {
            before(config);
        } catch (TimeUpException timeUp) {
            return cut(config, fidelity, timeUp);
        }
        kept.add(new Kept(config, fidelity, trainingTime));
        try {
            Files.createDirectories(modelDir);
            Files.writeString(modelDir.resolve("config.json"), config.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return measure(config, fidelity);
    }

    private static Evaluation cut(SmartNetConfig config, Fidelity fidelity, TimeUpException timeUp) {
        Instant now = Instant.now();
        return Evaluation.unsuccessful(config.id(), fidelity, EvaluationStatus.CUT, timeUp.getMessage(), DEVICE, now,
                now, Map.of());
    }

    /** Called before each candidate is "trained"; tests override it (a {@link TimeUpException} cuts the candidate). */
    void before(SmartNetConfig config) {
    }

    /** The hidden architecture: 3 exits, within 40,000 parameters and 2.5 ms. */
    static final SmartNetConfig HIDDEN = new SmartNetConfig(TestSettings.BOUNDS.input(), 10, 16, 4, 3,
            List.of(12, 8, 16), List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of(0)),
            new Cell(1, 1, 2, List.of()), new Cell(0, 2, 0, List.of()), new Cell(1, 2, 1, List.of(1)),
            new Cell(2, 2, 2, List.of(0, 3))));

    static double accuracy(SmartNetConfig config) {
        int decisions = 0;
        int same = 0;
        for (int r = 0; r < TestSettings.BOUNDS.maxSize(); r++) {
            decisions++;
            same += growth(config, r) == growth(HIDDEN, r) ? 1 : 0;
        }
        for (int i = 0; i < TestSettings.BOUNDS.maxCells(); i++) {
            Cell mine = cell(config, i);
            Cell hidden = cell(HIDDEN, i);
            decisions += 1 + Grid.connectableSlots(i).size();
            same += mine.depth() == hidden.depth() ? 1 : 0;
            for (int slot : Grid.connectableSlots(i)) {
                same += mine.from().contains(slot) == hidden.from().contains(slot) ? 1 : 0;
            }
        }
        return 0.5 + 0.45 * same / decisions;
    }

    private static int growth(SmartNetConfig config, int row) {
        return row < config.size() ? config.growth().get(row) : 0;
    }

    /** The cell of the canonical config, or an empty one beyond its triangle. */
    private static Cell cell(SmartNetConfig config, int index) {
        List<Cell> cells = config.canonical().cells();
        return index < cells.size() ? cells.get(index) : new Cell(Grid.row(index), Grid.col(index), 0, List.of());
    }

    static Evaluation measure(SmartNetConfig config, Fidelity fidelity) {
        return measure(config, fidelity, 0);
    }

    /** A measurement {@code bonus} above what the config's place in the landscape gives. */
    static Evaluation measure(SmartNetConfig config, Fidelity fidelity, double bonus) {
        Cost cost = CostModel.of(config);
        List<ExitMetrics> exits = new ArrayList<>();
        for (ExitCost exit : cost.exits()) {
            double accuracy = Math.min(1, accuracy(config) + bonus) - 0.02 * (config.size() - 1 - exit.exit());
            exits.add(new ExitMetrics(exit.exit(), accuracy, accuracy - 0.01, exit.macs() / 1e7,
                    1e10 / exit.macs(), exit.params(), exit.buffers(), exit.macs()));
        }
        Instant now = Instant.now();
        double first = exits.get(0).latencyMs();
        double last = exits.get(exits.size() - 1).latencyMs();
        return new Evaluation(config.id(), fidelity, EvaluationStatus.OK, exits, cost.bytes(), false, DEVICE,
                now, now, "", Map.of("evaluator", "synthetic"), first + 0.4 * (last - first));
    }
}
