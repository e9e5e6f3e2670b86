package io.smartnas.cluster;

import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tasks and results survive the wire, checkpoints with them. */
class WireTest {
    static final SmartNetConfig NET = new SmartNetConfig(new InputShape(1, 8, 8), 4, 8, 4, 2, List.of(8, 4),
            List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()), new Cell(1, 1, 1, List.of(0))));

    @Test
    void aTaskTravelsWithTheCheckpointItStartsFrom(@TempDir Path dir) throws IOException {
        Path start = dir.resolve("coordinator-side");
        Files.createDirectories(start);
        Files.write(start.resolve("group-0.params"), new byte[] {1, 2, 3});
        Files.writeString(start.resolve("config.json"), "{}");
        Instant deadline = Instant.ofEpochMilli(1_800_000_000_000L);
        Wire.Task sent = new Wire.Task("s-7", 1, new Assignment(NET, new Fidelity(1, 300), start, 1,
                dir.resolve("unused")), deadline, false, null);
        Wire.Task received = Wire.readTask(Wire.JSON.readTree(Wire.task(sent).toString()), dir.resolve("worker"));
        assertEquals("s-7", received.id());
        assertEquals(1, received.attempt());
        assertEquals(deadline, received.deadline());
        assertEquals(NET, received.assignment().config());
        assertEquals(new Fidelity(1, 300), received.assignment().fidelity());
        assertEquals(1, received.assignment().startGroups());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(received.assignment().startFrom()
                .resolve("group-0.params")));
        assertEquals(dir.resolve("worker").resolve("checkpoint"), received.assignment().checkpoint());

        Wire.Task keep = new Wire.Task("s-8", 0, Assignment.fresh(NET, new Fidelity(2, 0)), null, true,
                Duration.ofSeconds(90));
        Wire.Task kept = Wire.readTask(Wire.JSON.readTree(Wire.task(keep).toString()), dir.resolve("w2"));
        assertNull(kept.assignment().startFrom());
        assertNull(kept.assignment().checkpoint());
        assertNull(kept.deadline());
        assertEquals(Duration.ofSeconds(90), kept.trainingTime());
    }

    @Test
    void anEvaluationComesBackAsItWasWithNaNsAndFiles() throws IOException {
        Evaluation e = new Evaluation(NET.id(), new Fidelity(1, 300), EvaluationStatus.OK, List.of(
                new ExitMetrics(0, 0.5, Double.NaN, 1.25, 800, 100, 10, 1000),
                new ExitMetrics(1, 0.75, Double.NaN, 2.5, 400, 300, 20, 3000)), 12345, false, "gpu(1)",
                Instant.parse("2026-12-01T10:00:00.123456Z"), Instant.parse("2026-12-01T10:01:00Z"), "",
                Map.of("seed", "42", "engine", "PyTorch 2.5.1"), 1.75);
        Wire.Result result = Wire.readResult(Wire.JSON.readTree(Wire.result(new Wire.Result("s-1", "w", e,
                Map.of("group-1.params", new byte[] {9}))).toString()));
        assertEquals(e, result.evaluation());
        assertArrayEquals(new byte[] {9}, result.files().get("group-1.params"));
        Evaluation failed = Evaluation.unsuccessful(NET.id(), new Fidelity(1, 300), EvaluationStatus.FAILED,
                "out of memory", "cpu()", Instant.EPOCH, Instant.EPOCH, Map.of());
        assertEquals(failed, Wire.readResult(Wire.JSON.readTree(Wire.result(new Wire.Result("s-2", "w", failed,
                null)).toString())).evaluation());
    }

    @Test
    void aFileNameThatLeavesTheCheckpointIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> Wire.write(dir.resolve("c"),
                Map.of("../escape", new byte[] {1})));
    }
}
