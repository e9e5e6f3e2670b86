package io.smartnas.launcher;

import io.smartnas.space.config.EvaluationJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.RunSummary;
import io.smartnas.space.evaluation.Targets;

/** A run as JSON. */
final class RunJson {
    private RunJson() {
    }

    static ObjectNode summary(RunSummary r) {
        ObjectNode node = Json.object();
        node.put("run", r.id());
        node.put("name", r.name());
        node.put("strategy", r.strategy());
        node.put("status", r.status().label());
        node.put("created", r.created().toString());
        node.put("finished", r.finished() == null ? null : r.finished().toString());
        node.set("targets", targets(r.targets()));
        node.put("evaluations", r.evaluations());
        node.put("feasible", r.feasible());
        node.put("best", r.bestConfigId());
        EvaluationJson.number(node, "best_accuracy", r.bestAccuracy());
        return node;
    }

    static ObjectNode targets(Targets t) {
        ObjectNode node = Json.object();
        node.put("max_params", t.maxParams());
        node.put("max_bytes", t.maxBytes());
        node.put("max_latency_ms", t.maxLatencyMs());
        node.put("min_accuracy", t.minAccuracy());
        node.put("latency_mode", t.latencyMode().label());
        return node;
    }

    /** A JSON text stored with the run, as a tree. */
    static com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
