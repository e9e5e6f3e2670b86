package io.smartnas.space.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.importance.Importance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of an evaluation and its parts, the same in command output, saved models, exported config files
 * and the cluster's wire: a figure has one name everywhere ({@code validation_accuracy}, {@code test_accuracy}, ...),
 * and a figure that was not measured (NaN) is JSON null.
 */
public final class EvaluationJson {
    private EvaluationJson() {
    }

    /** A whole evaluation, as {@link #read(JsonNode)} reads it back exactly. */
    public static ObjectNode write(Evaluation e) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("config_id", e.configId());
        node.set("fidelity", fidelity(e.fidelity()));
        node.put("status", e.status().label());
        node.set("exits", exits(e));
        node.put("peak_memory_bytes", e.peakMemoryBytes());
        node.put("memory_measured", e.memoryMeasured());
        node.put("device", e.device());
        node.put("started", e.started().toString());
        node.put("finished", e.finished().toString());
        node.put("error", e.error());
        node.set("provenance", provenance(e));
        number(node, "anytime_latency_ms", e.anytimeLatencyMs());
        node.set("importance", importance(e.importance()));
        return node;
    }

    /** The evaluation {@link #write(Evaluation)} wrote. */
    public static Evaluation read(JsonNode node) {
        List<ExitMetrics> exits = new ArrayList<>();
        for (JsonNode x : node.get("exits")) {
            exits.add(new ExitMetrics(x.get("exit").asInt(), number(x, "validation_accuracy"),
                    number(x, "test_accuracy"), number(x, "latency_ms"), number(x, "throughput"),
                    x.get("params").asLong(), x.get("buffers").asLong(), x.get("macs").asLong()));
        }
        Map<String, String> provenance = new HashMap<>();
        node.get("provenance").fields().forEachRemaining(f -> provenance.put(f.getKey(), f.getValue().asText()));
        return new Evaluation(node.get("config_id").asText(), readFidelity(node.get("fidelity")),
                EvaluationStatus.ofLabel(node.get("status").asText()), exits, node.get("peak_memory_bytes").asLong(),
                node.get("memory_measured").asBoolean(), node.get("device").asText(),
                Instant.parse(node.get("started").asText()), Instant.parse(node.get("finished").asText()),
                node.get("error").asText(), provenance, number(node, "anytime_latency_ms"),
                readImportance(node.get("importance")));
    }

    /** Per exit: validation and test accuracy, latency, throughput, parameters, buffers, MACs and bytes. */
    public static ArrayNode exits(Evaluation evaluation) {
        ArrayNode exits = JsonNodeFactory.instance.arrayNode();
        for (ExitMetrics exit : evaluation.exits()) {
            ObjectNode node = exits.addObject();
            node.put("exit", exit.exit());
            number(node, "validation_accuracy", exit.validationAccuracy());
            number(node, "test_accuracy", exit.testAccuracy());
            number(node, "latency_ms", exit.latencyMs());
            number(node, "throughput", exit.throughput());
            node.put("params", exit.params());
            node.put("buffers", exit.buffers());
            node.put("macs", exit.macs());
            node.put("bytes", exit.bytes());
        }
        return exits;
    }

    /** A fidelity as {@code {"epochs", "subset", "seconds"}}, and {@code "supernet"} when it inherits from one. */
    public static ObjectNode fidelity(Fidelity f) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("epochs", f.epochs());
        node.put("subset", f.subset());
        node.put("seconds", f.seconds());
        if (f.inherits()) {
            node.put("supernet", f.supernet());
        }
        return node;
    }

    /** The fidelity {@link #fidelity(Fidelity)} wrote; {@code seconds} may be missing (0), {@code supernet} too. */
    public static Fidelity readFidelity(JsonNode node) {
        return new Fidelity(node.get("epochs").asInt(), node.get("subset").asInt(),
                node.has("seconds") ? node.get("seconds").asInt() : 0,
                node.has("supernet") ? node.get("supernet").asText() : "");
    }

    /** How the result was made. */
    public static ObjectNode provenance(Evaluation evaluation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        evaluation.provenance().entrySet().stream().sorted(Map.Entry.comparingByKey())
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

    /** The figure {@link #number(ObjectNode, String, double)} wrote: NaN for null or missing. */
    public static double number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
}
