package io.smartnas.space.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.importance.Importance;

/** An evaluation as JSON, the same in command output, saved models and exported config files. */
public final class EvaluationJson {
    private EvaluationJson() {
    }

    /** Per exit: test accuracy as {@code accuracy}, validation accuracy, latency, throughput and size. */
    public static ArrayNode exits(Evaluation evaluation) {
        ArrayNode exits = JsonNodeFactory.instance.arrayNode();
        for (ExitMetrics exit : evaluation.exits()) {
            ObjectNode node = exits.addObject();
            node.put("exit", exit.exit());
            number(node, "accuracy", exit.testAccuracy());
            number(node, "validation_accuracy", exit.validationAccuracy());
            number(node, "latency_ms", exit.latencyMs());
            number(node, "throughput", exit.throughput());
            node.put("params", exit.params());
            node.put("macs", exit.macs());
            node.put("bytes", exit.bytes());
        }
        return exits;
    }

    /** How the result was made. */
    public static ObjectNode provenance(Evaluation evaluation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        evaluation.provenance().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> node.put(e.getKey(), e.getValue()));
        return node;
    }

    /** Reads and writes {@link Importance} as its fields are named: cell, from, structural, value; cell, layer, value. */
    private static final ObjectMapper RECORDS = new ObjectMapper();

    /**
     * The importance as {@code {"connections": [{"cell", "from", "structural", "value"}], "layers": [{"cell",
     * "layer", "value"}]}}, or JSON null.
     */
    public static JsonNode importance(Importance importance) {
        return importance == null ? JsonNodeFactory.instance.nullNode() : RECORDS.valueToTree(importance);
    }

    /**
     * The importance {@link #importance(Importance)} wrote; null for JSON null or nothing.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static Importance readImportance(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return RECORDS.treeToValue(node, Importance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an importance: " + e.getOriginalMessage(), e);
        }
    }

    /** A measured figure, or null when it was not measured (NaN). */
    public static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
