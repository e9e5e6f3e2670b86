package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.Measured;
import io.smartnas.search.SearchResult;
import io.smartnas.space.config.EvaluationJson;

import java.nio.file.Path;

/** The last line of {@code smartnas search --json}. */
final class SearchJson {
    private SearchJson() {
    }

    static ObjectNode of(SearchResult result, Path bestFile) {
        ObjectNode root = Json.object();
        root.put("run", result.runId());
        root.put("evaluations", result.evaluations());
        root.put("feasible", result.feasible());
        root.put("front", result.front().size());
        root.put("stopped_by", result.stoppedBy());
        if (result.best() == null) {
            root.putNull("best");
        } else {
            ObjectNode best = candidate(result.best());
            best.put("file", bestFile.toString());
            root.set("best", best);
        }
        if (result.closest() != null) {
            ObjectNode closest = candidate(result.closest());
            closest.set("misses", Json.MAPPER.valueToTree(result.misses()));
            root.set("closest", closest);
        }
        return root;
    }

    private static ObjectNode candidate(Measured m) {
        ObjectNode node = Json.object();
        node.put("id", m.configId());
        EvaluationJson.number(node, "accuracy", m.accuracy());
        EvaluationJson.number(node, "latency_ms", m.latencyMs());
        EvaluationJson.number(node, "anytime_latency_ms", m.anytimeLatencyMs());
        node.put("params", m.params());
        node.put("bytes", m.bytes());
        return node;
    }
}
