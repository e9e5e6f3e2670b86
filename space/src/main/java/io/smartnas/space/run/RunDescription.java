package io.smartnas.space.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.config.JsonInput;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a search run is: what it searches (space bounds), for what (targets), how long (budget), how (strategy,
 * objective), and how each candidate is evaluated (data, fidelity, training, timing, device, seed). One immutable
 * value, bound by Jackson from a preset, then a settings file, then command-line options, merged field by field in that
 * order. It is stored with the run as JSON (the form below), read back by {@code --resume}, and gives the
 * {@link EvaluationSpec} a worker needs to evaluate a candidate exactly as the coordinator would. Unknown fields are
 * refused by name, so a typo never silently falls back to a default.
 *
 * <p>The JSON form (snake case), as stored with every run since the first release; {@code data_checksum} and
 * {@code device_class} (the kind of device the run measures on, {@code cpu} or {@code gpu}) were added later and are
 * absent from older runs until they resume. {@code final_training} ({@link FinalTraining}) was added later still; a run
 * without it (every run stored before it) ends with its search:
 * <pre>{@code
 * {"preset": "quick", "name": null, "strategy": "genetic", "objective": "multi",
 *  "targets": {"max_params": null, "max_memory": "200KB", "max_latency_ms": 3.0, "min_accuracy": "85%",
 *              "latency_mode": "last-exit"},
 *  "population": 8, "evaluations": 24, "generations": null, "time": "8m", "steady": null,
 *  "space": {"max_size": 3, "max_depth": 3, "stem_widths": [8, 16], "growth_rates": [4, 8]},
 *  "fidelity": {"epochs": 1, "subset": 3000}, "final_training": {"epochs": 1, "subset": 0, "time": "6m"},
 *  "training": {"mode": "joint", "batch_size": 64, "learning_rate": 0.01},
 *  "timing": {"warm_up": 2, "runs": 15, "batch": 64, "batch_runs": 2},
 *  "data": "fashion-mnist", "data_checksum": "sha256:...", "device": "auto", "device_class": "cpu", "seed": 42}
 * }</pre>
 * Later still: {@code input} ({@code [channels, height, width]}, the shape an image folder's images are resized to;
 * absent for the data's own) and {@code training.augmentation} ({@link Augmentation}, as
 * {@code {"crop_padding": 2, "flip": true}}; absent for none). Later still: {@code rungs} ({@link Rungs}, the
 * fidelity ladder above {@code fidelity}; absent for a run measured at one fidelity) and {@code inherit} ({@code true}:
 * a new candidate whose first columns are a trained candidate's starts from that candidate's parameters for them;
 * absent for no). Later still: {@code guided_mutation} ({@link GuidedMutation}; absent for none). Later still:
 * {@code space.bases} (the levels the grid's first row may run at, e.g. {@code [0, 1, 2]}; absent for {@code [0]}).
 * Later still: {@code supernet} (the directory of the supernet every candidate is cut from, its id in
 * {@code fidelity.supernet}; absent for candidates trained from scratch). Null fields are left out.
 */
public record RunDescription(String preset, String name, String strategy, String objective, TargetSettings targets,
                             int population, int evaluations, Integer generations, String time, Integer steady,
                             SpaceSettings space, Fidelity fidelity, Rungs rungs, Boolean inherit,
                             GuidedMutation guidedMutation, FinalTraining finalTraining,
                             TrainingFields training, TimingSettings timing,
                             String data, List<Integer> input, String dataChecksum, String device,
                             String deviceClass, long seed, String supernet) {
    static final ObjectMapper JSON = mapper(new ObjectMapper());
    private static final ObjectMapper YAML = mapper(new ObjectMapper(new YAMLFactory()));

    /**
     * The bounds of the space searched: most exits, most layers a block, the widths and growth rates drawn from, and
     * the resolution levels the grid's first row may run at ({@code bases}; null, as in runs stored before the gene
     * existed, for full resolution only).
     */
    public record SpaceSettings(int maxSize, int maxDepth, List<Integer> stemWidths, List<Integer> growthRates,
                                List<Integer> bases) {
        /** The bases, {@code [0]} when none are given. */
        public List<Integer> basesOrDefault() {
            return bases == null ? List.of(0) : bases;
        }
    }

    /** How candidates train, besides the fidelity and the run's seed; no augmentation when it is null. */
    public record TrainingFields(String mode, int batchSize, float learningRate, Augmentation augmentation) {
    }

    private static ObjectMapper mapper(ObjectMapper mapper) {
        return JsonInput.strict(mapper).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The settings of a preset shipped with SmartNAS, as a tree to merge into. */
    public static ObjectNode preset(String name) {
        try (InputStream in = RunDescription.class.getResourceAsStream("/presets/" + name + ".json")) {
            if (in == null) {
                throw new InvalidInputException("--preset must be quick, thorough or standard, got '" + name + "'");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the preset " + name + " shipped with SmartNAS does not read", e);
        }
    }

    /**
     * A settings file, JSON or YAML (by its extension), as a tree to merge.
     *
     * @throws InvalidInputException naming the file and what in it does not fit
     */
    public static ObjectNode file(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        JsonNode tree = JsonInput.tree(mapper, JsonInput.read(file), file.toString());
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException(file + ": a settings file holds one object");
        }
        bind(merge(preset("quick"), tree), file.toString());
        return (ObjectNode) tree;
    }

    /**
     * The description stored with a run.
     *
     * @throws InvalidInputException if it is not a description (a damaged run row)
     */
    public static RunDescription stored(String json) {
        JsonNode tree = JsonInput.tree(JSON, json, "the run's stored settings");
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("the run's stored settings are not a JSON object");
        }
        return bind(tree, "the run's stored settings");
    }

    /**
     * Copies every field of {@code override} into {@code base}, recursing into objects; an empty object changes
     * nothing (options of a group that were not given), so it never turns a null group into one of defaults.
     */
    public static ObjectNode merge(ObjectNode base, JsonNode override) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode mine = base.get(field.getKey());
            if (field.getValue().isObject() && field.getValue().isEmpty()) {
                continue;
            }
            if (mine != null && mine.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) mine, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
        return base;
    }

    /** An empty tree, to put options into. */
    public static ObjectNode tree() {
        return JSON.createObjectNode();
    }

    /**
     * The description a merged tree holds.
     *
     * @throws InvalidInputException naming the setting that does not fit
     */
    public static RunDescription of(JsonNode tree) {
        return bind(tree, "settings");
    }

    private static RunDescription bind(JsonNode tree, String source) {
        try {
            return JSON.treeToValue(tree, RunDescription.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": " + JsonInput.problem(e), e);
        }
    }

    /** This description with {@code override}'s fields (a tree of the same form) in place of its own. */
    public RunDescription with(JsonNode override) {
        return of(merge(JSON.valueToTree(this), override));
    }

    /** This description as the JSON object stored with the run. */
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run description always serialises", e);
        }
    }

    /** Whether new candidates inherit the parameters of the first columns they share with a trained candidate. */
    public boolean inherits() {
        return Boolean.TRUE.equals(inherit);
    }

    /** The targets, parsed. */
    public Targets parsedTargets() {
        return targets == null ? Targets.NONE : targets.targets();
    }

    /**
     * How candidates train: the training fields with the run's seed.
     *
     * @throws InvalidInputException naming the setting out of range
     */
    public TrainingSettings trainingSettings() {
        try {
            return new TrainingSettings(TrainingMode.ofLabel(training.mode()), training.batchSize(),
                    training.learningRate(), 0f, List.of(), seed,
                    training.augmentation() == null ? Augmentation.NONE : training.augmentation());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("training: " + e.getMessage());
        }
    }

    /**
     * The shape the run's images take ({@code input}: {@code [channels, height, width]}), or null for the data's own.
     *
     * @throws InvalidInputException if it is not three numbers of a valid shape
     */
    public InputShape inputShape() {
        if (input == null) {
            return null;
        }
        if (input.size() != 3 || input.contains(null)) {
            throw new InvalidInputException("input must be [channels, height, width], got " + input);
        }
        return new InputShape(input.get(0), input.get(1), input.get(2));
    }

    /** The wall-clock budget, or null when the run has none. */
    public Duration timeLimit() {
        return time == null ? null : Durations.parse(time);
    }

    /**
     * How every candidate of this run is evaluated.
     *
     * @throws InvalidInputException    naming the setting out of range
     * @throws IllegalStateException if the description has not recorded the kind of device it measures on
     */
    public EvaluationSpec evaluation() {
        if (deviceClass == null) {
            throw new IllegalStateException("the run has not recorded the kind of device it measures on");
        }
        inputShape();
        return new EvaluationSpec(data, dataChecksum, seed, fidelity, trainingSettings(), timing, deviceClass,
                input, supernet);
    }

    /**
     * The same description, recording the checksum of the data it searches on and the kind of device ({@code cpu} or
     * {@code gpu}) it measures on.
     */
    public RunDescription recording(String checksum, String measuredOn) {
        return new RunDescription(preset, name, strategy, objective, targets, population, evaluations, generations,
                time, steady, space, fidelity, rungs, inherit, guidedMutation, finalTraining, training, timing, data,
                input, checksum, device, measuredOn, seed, supernet);
    }

    /**
     * The same description without the bases that images with {@code levels} resolution levels cannot have (a base
     * above the data's levels), so that what is stored with the run is what it searches.
     *
     * @throws InvalidInputException if no base is left
     */
    public RunDescription fittedTo(int levels) {
        List<Integer> bases = space.basesOrDefault();
        List<Integer> kept = bases.stream().filter(b -> b == null || b <= levels).toList();
        if (kept.size() == bases.size()) {
            return this;
        }
        if (kept.isEmpty()) {
            throw new InvalidInputException("space.bases: none of " + bases + " fits the data, whose images have "
                    + "resolution levels 0.." + levels);
        }
        SpaceSettings fitted = new SpaceSettings(space.maxSize(), space.maxDepth(), space.stemWidths(),
                space.growthRates(), kept);
        return new RunDescription(preset, name, strategy, objective, targets, population, evaluations, generations,
                time, steady, fitted, fidelity, rungs, inherit, guidedMutation, finalTraining, training, timing, data,
                input, dataChecksum, device, deviceClass, seed, supernet);
    }
}
