package io.smartnas.app;

import io.smartnas.evaluator.Dataset;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.Supernet;
import io.smartnas.search.SearchSettings;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.RunDescription;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A supernet's use cases: training one on the space, data and training of a run description (a preset, a settings
 * file and options, as a search takes them) for a time into a directory, or resuming its training there; and a search
 * whose candidates are cut from one.
 */
public final class SupernetJob {
    /** The part of a supernet search's time kept to measure its answer on the test images and save it. */
    public static final String KEEPING_TIME = "10%";

    /** How long a search of a supernet takes unless told: each candidate takes seconds. */
    public static final String DEFAULT_SEARCH_TIME = "2m";

    private SupernetJob() {
    }

    /**
     * The space a run description searches, on the data it names.
     *
     * @param data the data the description names, read
     */
    private static SpaceBounds space(RunDescription described, Dataset data, DeviceSpec device) {
        RunDescription run = described.recording(data.checksum(), device.deviceClass())
                .fittedTo(data.input().levels());
        return SearchSettings.of(run, data.input(), data.classes()).bounds();
    }

    /**
     * What a search of the supernet in {@code dir} starts from, over the preset and under the options: the supernet's
     * space, data, input shape and seed, two minutes, and a final step that keeps the best as it was cut, in the last
     * {@value #KEEPING_TIME} of the time.
     *
     * @throws InvalidInputException if {@code dir} holds no supernet
     */
    public static ObjectNode searchDefaults(Path dir) {
        Supernet.Record record = Supernet.read(dir);
        SpaceBounds space = record.space();
        ObjectNode tree = RunDescription.tree();
        ObjectNode settings = tree.putObject("space");
        settings.put("max_size", space.maxSize()).put("max_depth", space.maxDepth());
        space.stemWidths().forEach(settings.putArray("stem_widths")::add);
        space.growthRates().forEach(settings.putArray("growth_rates")::add);
        space.bases().forEach(settings.putArray("bases")::add);
        tree.put("data", record.data());
        ArrayNode input = tree.putArray("input");
        input.add(space.input().channels()).add(space.input().height()).add(space.input().width());
        tree.put("seed", Long.parseLong(record.training().get("seed")));
        tree.put("time", DEFAULT_SEARCH_TIME);
        tree.putObject("final_training").put("epochs", 1).put("subset", 0).put("time", KEEPING_TIME);
        return tree;
    }

    /**
     * A search of the supernet {@code run} names, as it is measured: each candidate cut from the supernet
     * ({@link Fidelity#inherited}), no rungs, no inheritance between candidates.
     *
     * @param run  the run, its data and device recorded
     * @param data its data, read
     * @throws InvalidInputException if the supernet is not the one a resumed run started with, trained on other data
     *                               or another split, or the search's space is not within the supernet's
     */
    public static RunDescription searching(RunDescription run, Dataset data) {
        Path dir = Path.of(run.supernet());
        Supernet.Record record = Supernet.read(dir);
        String id = Supernet.id(dir);
        if (run.fidelity() != null && run.fidelity().inherits() && !run.fidelity().supernet().equals(id)) {
            throw new InvalidInputException(dir + ": the supernet there is " + id + ", but the run's candidates were "
                    + "cut from " + run.fidelity().supernet() + " (was it trained further since?); its results would "
                    + "not compare, so start a new search");
        }
        if (!record.dataChecksum().equals(data.checksum())) {
            throw new InvalidInputException(dir + ": the supernet trained on " + record.data() + " (checksum "
                    + record.dataChecksum() + "), not on " + run.data() + " (checksum " + data.checksum() + ")");
        }
        String seed = record.training().get("seed");
        if (!String.valueOf(run.seed()).equals(seed)) {
            throw new InvalidInputException(dir + ": the supernet trained on the training split of seed " + seed
                    + "; with --seed " + run.seed() + " the search would measure candidates on images the supernet "
                    + "trained on");
        }
        SpaceBounds space = SearchSettings.of(run, data.input(), data.classes()).bounds();
        requireWithin(space, record.space(), dir);
        ObjectNode measured = RunDescription.tree();
        measured.set("fidelity", RunDescription.tree().put("epochs", 0).put("subset", 0).put("seconds", 0)
                .put("supernet", id)); // every field: the preset's seconds would be merged in otherwise
        measured.putNull("rungs");
        measured.putNull("inherit");
        return run.with(measured);
    }

    /**
     * Refuses a search space with a network that is not a sub-network of the supernet's space.
     *
     * @throws InvalidInputException naming what lies outside
     */
    static void requireWithin(SpaceBounds search, SpaceBounds supernet, Path dir) {
        String outside = !search.input().equals(supernet.input()) || search.classes() != supernet.classes()
                ? "its images are " + search.input() + " in " + search.classes() + " classes, the supernet's "
                + supernet.input() + " in " + supernet.classes()
                : search.maxSize() > supernet.maxSize() ? "max size " + search.maxSize() + " is above the supernet's "
                + supernet.maxSize()
                : search.maxDepth() > supernet.maxDepth() ? "max depth " + search.maxDepth() + " is above the "
                + "supernet's " + supernet.maxDepth()
                : !supernet.stemWidths().containsAll(search.stemWidths()) ? "stem widths " + search.stemWidths()
                + " are not all among the supernet's " + supernet.stemWidths()
                : !supernet.growthRates().containsAll(search.growthRates()) ? "growth rates " + search.growthRates()
                + " are not all among the supernet's " + supernet.growthRates()
                : !supernet.bases().containsAll(search.bases()) ? "bases " + search.bases() + " are not all among "
                + "the supernet's " + supernet.bases()
                : search.bottleneck() != supernet.bottleneck() ? "bottleneck " + search.bottleneck() + " is not the "
                + "supernet's " + supernet.bottleneck() : null;
        if (outside != null) {
            throw new InvalidInputException("the search's space is not within the supernet's in " + dir + ": "
                    + outside);
        }
    }

    /**
     * Trains (or resumes) the supernet of {@code described}'s space on its data for {@code time} into {@code out}.
     *
     * @throws InvalidInputException if the data does not read, or {@code out} holds something else
     */
    public static Supernet.Record train(RunDescription described, Duration time, String device,
                                        Supernet.Progress progress, Path out) {
        if (time.isNegative() || time.isZero()) {
            throw new InvalidInputException("--time must be positive, got " + time);
        }
        DeviceSpec devices = DeviceSpec.parse(device != null ? device : described.device());
        Dataset data = Dataset.forSearch(described.data(), described.inputShape(), described.seed());
        return Supernet.train(space(described, data, devices), data, described.trainingSettings(), time, devices,
                progress, out);
    }
}
