package io.smartnas.space.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartnas.space.WorkedExample;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.importance.Importance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one JSON form of an evaluation: read back exactly, and the same names wherever an exit's figures appear. */
class EvaluationJsonTest {
    private static final Evaluation MEASURED = new Evaluation(WorkedExample.config().id(), new Fidelity(2, 3000, 15),
            EvaluationStatus.OK, List.of(new ExitMetrics(0, 0.5, Double.NaN, 1.25, 800, 100, 10, 1000),
            new ExitMetrics(1, 0.75, 0.7421, 2.5, Double.NaN, 300, 20, 3000)), 12345, true, "cpu()",
            Instant.parse("2026-12-01T10:00:00.123456Z"), Instant.parse("2026-12-01T10:01:00Z"), "",
            Map.of("seed", "42", "engine", "PyTorch 2.5.1"), 1.75,
            new Importance(List.of(new Importance.Connection(2, 0, false, 0.61)), List.of(new Importance.Layer(0, 1,
                    1.02))));

    @Test
    void anEvaluationIsReadBackAsItWasWrittenUnmeasuredFiguresIncluded() throws Exception {
        String text = EvaluationJson.write(MEASURED).toString();
        assertEquals(MEASURED, EvaluationJson.read(new ObjectMapper().readTree(text)));
        Evaluation failed = Evaluation.unsuccessful(MEASURED.configId(), new Fidelity(1, 300), EvaluationStatus.FAILED,
                "out of memory", "cpu()", Instant.EPOCH, Instant.EPOCH, Map.of());
        assertEquals(failed, EvaluationJson.read(new ObjectMapper().readTree(EvaluationJson.write(failed).toString())));
        Evaluation cut = Evaluation.unsuccessful(MEASURED.configId(), Fidelity.inherited("d8cb8d0d61d2"),
                EvaluationStatus.CUT, "time", "cpu()", Instant.EPOCH, Instant.EPOCH, Map.of());
        assertEquals(cut, EvaluationJson.read(new ObjectMapper().readTree(EvaluationJson.write(cut).toString())));
    }

    @Test
    void anExitsFiguresHaveTheSameNamesInExportsAndOnTheWire() {
        var exit = EvaluationJson.exits(MEASURED).get(1);
        assertEquals(EvaluationJson.write(MEASURED).get("exits"), EvaluationJson.exits(MEASURED));
        assertEquals(0.7421, exit.get("test_accuracy").asDouble());
        assertEquals(0.75, exit.get("validation_accuracy").asDouble());
        assertTrue(exit.get("throughput").isNull(), "not measured: null");
        assertEquals(4 * (300 + 20), exit.get("bytes").asLong());
    }
}
