package io.smartnas.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JSON bodies of tasks and results, and the checkpoints that travel in them: a worker shares no disk with the
 * coordinator, so the exit-group files a training starts from go out with its task (base64), and those it leaves come
 * back with its result.
 */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    /**
     * A task: one assignment, its attempt, the run's deadline (or null), and, for a run's final training, the most
     * time it may train ({@code keep}: the worker saves a model directory and sends it back).
     */
    record Task(String id, int attempt, Assignment assignment, Instant deadline, boolean keep,
                java.time.Duration trainingTime) {
    }

    /**
     * What a worker sends back: the task, the evaluation, and the directory its training left (the checkpoint, or
     * the kept model), file name to bytes, or null.
     */
    record Result(String taskId, String worker, Evaluation evaluation, Map<String, byte[]> files) {
    }

    static ObjectNode task(Task task) {
        Assignment a = task.assignment();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", task.id());
        node.put("attempt", task.attempt());
        node.put("keep", task.keep());
        if (task.trainingTime() != null) {
            node.put("training_ms", task.trainingTime().toMillis());
        }
        node.set("config", ConfigFile.toJson(a.config()));
        node.set("fidelity", EvaluationJson.fidelity(a.fidelity()));
        node.put("start_groups", a.startGroups());
        if (a.startFrom() != null) {
            node.set("start", files(read(a.startFrom())));
        }
        node.put("keep_checkpoint", a.checkpoint() != null);
        if (task.deadline() != null) {
            node.put("deadline", task.deadline().toEpochMilli());
        }
        return node;
    }

    /**
     * The task a worker received, its start checkpoint written under {@code scratch} and its checkpoint to be saved
     * there too.
     */
    static Task readTask(JsonNode node, Path scratch) {
        Path start = null;
        if (node.has("start")) {
            start = scratch.resolve("start");
            write(start, files(node.get("start")));
        }
        Assignment a = new Assignment(ConfigFile.parse(node.get("config").toString()),
                EvaluationJson.readFidelity(node.get("fidelity")), start, node.path("start_groups").asInt(),
                node.path("keep_checkpoint").asBoolean() ? scratch.resolve("checkpoint") : null);
        return new Task(node.get("id").asText(), node.get("attempt").asInt(), a,
                node.has("deadline") ? Instant.ofEpochMilli(node.get("deadline").asLong()) : null,
                node.path("keep").asBoolean(), node.has("training_ms")
                ? java.time.Duration.ofMillis(node.get("training_ms").asLong()) : null);
    }

    static ObjectNode result(Result result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("task", result.taskId());
        node.put("worker", result.worker());
        node.set("evaluation", EvaluationJson.write(result.evaluation()));
        if (result.files() != null) {
            node.set("files", files(result.files()));
        }
        return node;
    }

    static Result readResult(JsonNode node) {
        return new Result(node.get("task").asText(), node.get("worker").asText(),
                EvaluationJson.read(node.get("evaluation")), node.has("files") ? files(node.get("files")) : null);
    }

    /** The regular files of a directory, by name. */
    static Map<String, byte[]> read(Path dir) {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + dir, e);
        }
        return files;
    }

    /** Writes files (by name) into {@code dir}, which it makes. */
    static void write(Path dir, Map<String, byte[]> files) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey()).normalize();
                if (!file.getParent().equals(dir.normalize())) {
                    throw new IllegalArgumentException("a checkpoint file must not name a path: " + f.getKey());
                }
                Files.write(file, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + dir, e);
        }
    }

    private static ObjectNode files(Map<String, byte[]> files) {
        ObjectNode node = JSON.createObjectNode();
        files.forEach((name, bytes) -> node.put(name, Base64.getEncoder().encodeToString(bytes)));
        return node;
    }

    private static Map<String, byte[]> files(JsonNode node) {
        Map<String, byte[]> files = new HashMap<>();
        node.fields().forEachRemaining(f -> files.put(f.getKey(), Base64.getDecoder().decode(f.getValue().asText())));
        return files;
    }
}
