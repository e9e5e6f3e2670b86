package io.smartnas.space.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidConfigException;
import io.smartnas.space.SmartNetConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes SmartNet config files. Reading checks the JSON shape here (fields present, of the right type) and
 * leaves the rules of the network to {@link SmartNetConfig}; either way a broken file is refused with an
 * {@link InvalidConfigException} naming the field and the rule, and nothing else is done with it.
 */
public final class ConfigFile {
    private static final ObjectMapper JSON = JsonInput.strict(new ObjectMapper())
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The fields of the network, in the order of the specification. */
    private static final List<String> NETWORK_FIELDS = List.of("format", "input", "classes", "stem", "bottleneck",
            "base", "size", "growth", "cells");
    private static final List<String> CELL_FIELDS = List.of("row", "col", "depth", "from");
    /** What SmartNAS itself writes beside the network (exports, trained models); read back, never used. */
    private static final List<String> METADATA_FIELDS = List.of("id", "run", "export", "rank", "feasible", "targets",
            "fidelity", "params", "bytes", "metrics", "provenance", "search", "training", "normalization",
            "grown_from", "shrunk_from", "pruned_from", "cut_from", "importance", "sha256", "data");

    private ConfigFile() {
    }

    /**
     * Reads the config of a file; fields other than the network's are ignored.
     *
     * @throws InvalidConfigException if the file breaks a rule, its message starting with the file name
     * @throws InvalidInputException  if the file cannot be read
     */
    public static SmartNetConfig read(Path file) {
        return readDocument(file).config();
    }

    /** Reads a config file with whatever else it carries (an exported config's metrics, for example). */
    public static ConfigDocument readDocument(Path file) {
        StoredFiles.verify(file);
        String text = JsonInput.read(file);
        try {
            return parseDocument(text);
        } catch (InvalidConfigException e) {
            throw e.in(file.toString());
        }
    }

    /** Parses the text of a config file. */
    public static SmartNetConfig parse(String json) {
        return parseDocument(json).config();
    }

    /** Parses the text of a config file with whatever else it carries. */
    public static ConfigDocument parseDocument(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException("file", JsonInput.problem(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException("file", "must hold one JSON object");
        }
        return new ConfigDocument(toConfig((ObjectNode) root), extras((ObjectNode) root));
    }

    private static SmartNetConfig toConfig(ObjectNode root) {
        knownFields(root, null, NETWORK_FIELDS, METADATA_FIELDS);
        JsonNode format = required(root, "format");
        if (!format.isTextual() || !format.asText().equals(SmartNetConfig.FORMAT)) {
            throw new InvalidConfigException("format", "must be \"" + SmartNetConfig.FORMAT + "\", got " + format);
        }
        JsonNode input = required(root, "input");
        if (!input.isArray() || input.size() != 3) {
            throw new InvalidConfigException("input", "must be three positive numbers [channels, height, width], got "
                    + input);
        }
        InputShape shape = new InputShape(integer(input.get(0), "input[0]"), integer(input.get(1), "input[1]"),
                integer(input.get(2), "input[2]"));
        int classes = integer(required(root, "classes"), "classes");
        int stem = integer(required(root, "stem"), "stem");
        int bottleneck = root.has("bottleneck") ? integer(root.get("bottleneck"), "bottleneck")
                : SmartNetConfig.DEFAULT_BOTTLENECK;
        int base = root.has("base") ? integer(root.get("base"), "base") : 0;
        int size = integer(required(root, "size"), "size");
        List<Integer> growth = new ArrayList<>();
        JsonNode growthNode = array(required(root, "growth"), "growth");
        for (int r = 0; r < growthNode.size(); r++) {
            growth.add(integer(growthNode.get(r), "growth[" + r + "]"));
        }
        List<Cell> cells = new ArrayList<>();
        JsonNode cellsNode = array(required(root, "cells"), "cells");
        for (int i = 0; i < cellsNode.size(); i++) {
            cells.add(cell(cellsNode.get(i), "cells[" + i + "]"));
        }
        return new SmartNetConfig(shape, classes, stem, bottleneck, size, growth, cells, base);
    }

    private static Cell cell(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidConfigException(field, "must be an object {row, col, depth, from}, got " + node);
        }
        knownFields(node, field, CELL_FIELDS, List.of());
        List<Integer> from = new ArrayList<>();
        JsonNode fromNode = array(required(node, "from", field), field + ".from");
        for (int j = 0; j < fromNode.size(); j++) {
            from.add(integer(fromNode.get(j), field + ".from[" + j + "]"));
        }
        return new Cell(integer(required(node, "row", field), field + ".row"),
                integer(required(node, "col", field), field + ".col"),
                integer(required(node, "depth", field), field + ".depth"), from);
    }

    /**
     * Refuses a field that is neither the network's nor metadata SmartNAS writes itself, so that a misspelt field
     * (say {@code bottlenek}) is not silently replaced by its default.
     */
    private static void knownFields(JsonNode node, String parent, List<String> fields, List<String> metadata) {
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name) && !metadata.contains(name)) {
                String field = parent == null ? name : parent + "." + name;
                String near = fields.stream().filter(f -> editDistance(f, name) <= 2).findFirst()
                        .map(f -> "; did you mean '" + f + "'?").orElse("");
                throw new InvalidConfigException(field, "is not a field of a SmartNet config (its fields: "
                        + String.join(", ", fields) + ")" + near);
            }
        });
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static JsonNode required(JsonNode node, String name) {
        return required(node, name, null);
    }

    private static JsonNode required(JsonNode node, String name, String parent) {
        String field = parent == null ? name : parent + "." + name;
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidConfigException(field, "is required but missing");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new InvalidConfigException(field, "must be a JSON array, got " + node);
        }
        return node;
    }

    private static int integer(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidConfigException(field, "must be a whole number, got " + node);
        }
        return node.intValue();
    }

    private static ObjectNode extras(ObjectNode root) {
        ObjectNode extras = root.deepCopy();
        extras.remove(NETWORK_FIELDS);
        return extras;
    }

    /** The config as the JSON object of its file, fields in the order of the specification. */
    public static ObjectNode toJson(SmartNetConfig config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", SmartNetConfig.FORMAT);
        InputShape in = config.input();
        root.putArray("input").add(in.channels()).add(in.height()).add(in.width());
        root.put("classes", config.classes());
        root.put("stem", config.stem());
        root.put("bottleneck", config.bottleneck());
        if (config.base() > 0) {
            root.put("base", config.base()); // absent at 0, so that files of networks made before the gene stay
        }
        root.put("size", config.size());
        ArrayNode growth = root.putArray("growth");
        config.growth().forEach(growth::add);
        ArrayNode cells = root.putArray("cells");
        for (Cell cell : config.cells()) {
            ObjectNode node = cells.addObject();
            node.put("row", cell.row());
            node.put("col", cell.col());
            node.put("depth", cell.depth());
            ArrayNode from = node.putArray("from");
            cell.from().forEach(from::add);
        }
        return root;
    }

    /** The text of a config file holding {@code config}. */
    public static String write(SmartNetConfig config) {
        return write(ConfigDocument.of(config));
    }

    /** The text of a config file holding the document's config followed by its other fields. */
    public static String write(ConfigDocument document) {
        ObjectNode root = toJson(document.config());
        document.extras().fields().forEachRemaining(field -> {
            if (!root.has(field.getKey())) {
                root.set(field.getKey(), field.getValue());
            }
        });
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Writes a config file as a {@link StoredFiles stored file}: atomically, readable by others, checksummed. */
    public static void write(ConfigDocument document, Path file) throws IOException {
        StoredFiles.write(file, write(document));
    }
}
