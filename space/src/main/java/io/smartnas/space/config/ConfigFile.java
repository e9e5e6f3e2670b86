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
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes SmartNet config files. Reading checks the JSON shape here (fields present, of the right type) and
 * leaves the rules of the network to {@link SmartNetConfig}; either way a broken file is refused with an
 * {@link InvalidConfigException} naming the field and the rule, and nothing else is done with it.
 */
public final class ConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        try {
            return parseDocument(Files.readString(file, StandardCharsets.UTF_8));
        } catch (InvalidConfigException e) {
            throw e.in(file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
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
            throw new InvalidConfigException("file", "is not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException("file", "must hold one JSON object");
        }
        return new ConfigDocument(toConfig((ObjectNode) root), extras((ObjectNode) root));
    }

    private static SmartNetConfig toConfig(ObjectNode root) {
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
        return new SmartNetConfig(shape, classes, stem, bottleneck, size, growth, cells);
    }

    private static Cell cell(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidConfigException(field, "must be an object {row, col, depth, from}, got " + node);
        }
        List<Integer> from = new ArrayList<>();
        JsonNode fromNode = array(required(node, "from", field), field + ".from");
        for (int j = 0; j < fromNode.size(); j++) {
            from.add(integer(fromNode.get(j), field + ".from[" + j + "]"));
        }
        return new Cell(integer(required(node, "row", field), field + ".row"),
                integer(required(node, "col", field), field + ".col"),
                integer(required(node, "depth", field), field + ".depth"), from);
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
        extras.remove(List.of("format", "input", "classes", "stem", "bottleneck", "size", "growth", "cells"));
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

    /** Writes a config file, replacing the file atomically so that a reader never sees half of it. */
    public static void write(ConfigDocument document, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, write(document), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
