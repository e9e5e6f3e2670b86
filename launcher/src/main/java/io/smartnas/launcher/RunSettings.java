package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smartnas.evaluator.measure.Timing;
import io.smartnas.evaluator.train.TrainingMode;
import io.smartnas.evaluator.train.TrainingSettings;
import io.smartnas.search.Budget;
import io.smartnas.search.Objective;
import io.smartnas.search.SearchSettings;
import io.smartnas.search.Strategy;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
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
 * Every setting of a search run, as one JSON (or YAML) object: a preset, overridden by a settings file, overridden
 * by command-line options, merged field by field. The merged object is stored with the run, so that a resumed run
 * goes on exactly as it started. Unknown fields are refused by name, so a typo never silently falls back to a default.
 */
record RunSettings(String preset, String name, String strategy, String objective, TargetSettings targets,
                   int population, int evaluations, Integer generations, String time, Integer steady,
                   SpaceSettings space, FidelitySettings fidelity, TrainingFields training, TimingSettings timing,
                   String data, String device, long seed) {
    private static final ObjectMapper JSON = mapper(new ObjectMapper());
    private static final ObjectMapper YAML = mapper(new ObjectMapper(new YAMLFactory()));

    record TargetSettings(Long maxParams, String maxMemory, Double maxLatencyMs, String minAccuracy,
                          String latencyMode) {
    }

    record SpaceSettings(int maxSize, int maxDepth, List<Integer> stemWidths, List<Integer> growthRates) {
    }

    record FidelitySettings(int epochs, int subset) {
    }

    record TrainingFields(String mode, int batchSize, float learningRate) {
    }

    record TimingSettings(int warmUp, int runs, int batch, int batchRuns) {
    }

    private static ObjectMapper mapper(ObjectMapper mapper) {
        return JsonInput.strict(mapper).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The settings of a preset shipped with SmartNAS. */
    static ObjectNode preset(String name) {
        try (InputStream in = RunSettings.class.getResourceAsStream("/presets/" + name + ".json")) {
            if (in == null) {
                throw new InvalidInputException("--preset must be quick or standard, got '" + name + "'");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the preset " + name + " shipped with SmartNAS does not read", e);
        }
    }

    /** A settings file, JSON or YAML (by its extension), as a tree to merge. */
    static ObjectNode file(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        JsonNode tree = JsonInput.tree(mapper, JsonInput.read(file), file.toString());
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException(file + ": a settings file holds one object");
        }
        of(merge(preset("quick"), tree), file.toString());
        return (ObjectNode) tree;
    }

    /**
     * The settings stored with a run, as a tree to merge into.
     *
     * @throws InvalidInputException if they are not a JSON object (a damaged run row)
     */
    static ObjectNode stored(String json) {
        JsonNode tree = JsonInput.tree(JSON, json, "the run's stored settings");
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("the run's stored settings are not a JSON object");
        }
        return (ObjectNode) tree;
    }

    /** Copies every field of {@code override} into {@code base}, recursing into objects. */
    static ObjectNode merge(ObjectNode base, JsonNode override) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode mine = base.get(field.getKey());
            if (mine != null && mine.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) mine, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
        return base;
    }

    static ObjectNode tree() {
        return JSON.createObjectNode();
    }

    /** The settings a merged tree describes. */
    static RunSettings of(JsonNode tree) {
        return of(tree, "settings");
    }

    /**
     * @param source what the tree came from, to start messages with
     * @throws InvalidInputException naming the source and the setting that does not fit
     */
    private static RunSettings of(JsonNode tree, String source) {
        try {
            return JSON.treeToValue(tree, RunSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(source + ": " + JsonInput.problem(e), e);
        }
    }

    /** These settings as the JSON object stored with the run. */
    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("settings always serialise", e);
        }
    }

    /**
     * What the search needs of these settings.
     *
     * @throws InvalidInputException naming the setting that is out of range
     */
    SearchSettings search(InputShape input, int classes) {
        try {
            SpaceBounds bounds = new SpaceBounds(space.maxSize(), space.maxDepth(), space.stemWidths(),
                    space.growthRates(), input, classes, SmartNetConfig.DEFAULT_BOTTLENECK);
            timingSettings();
            trainingSettings();
            return new SearchSettings(Strategy.ofLabel(strategy), Objective.ofLabel(objective), parsedTargets(),
                    new Budget(population, evaluations, generations, time == null ? null : duration(time), steady),
                    bounds, new Fidelity(fidelity.epochs(), fidelity.subset()), seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    Targets parsedTargets() {
        TargetOptions options = new TargetOptions();
        if (targets != null) {
            options.maxParams = targets.maxParams();
            options.maxMemory = targets.maxMemory();
            options.maxLatencyMs = targets.maxLatencyMs();
            options.minAccuracy = targets.minAccuracy();
            options.latencyMode = targets.latencyMode();
        }
        return options.targets();
    }

    TrainingSettings trainingSettings() {
        try {
            return new TrainingSettings(TrainingMode.ofLabel(training.mode()), training.batchSize(),
                    training.learningRate(), 0f, List.of(), seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("training: " + e.getMessage());
        }
    }

    Timing timingSettings() {
        try {
            return new Timing(timing.warmUp(), timing.runs(), timing.batch(), timing.batchRuns());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("timing." + e.getMessage());
        }
    }

    /** A duration like {@code 90s}, {@code 15m}, {@code 2h} or ISO-8601 {@code PT15M}. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long value = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(value);
                case 'm' -> Duration.ofMinutes(value);
                case 'h' -> Duration.ofHours(value);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new InvalidInputException("time must be like 90s, 15m, 2h or PT15M, got '" + text + "'");
        }
    }
}
