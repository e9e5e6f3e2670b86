package io.smartnas.space.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What was trained is said from what the training saw, not from the fidelity it was given. */
class EvaluationTrainedTest {
    private static Evaluation with(Map<String, String> provenance) {
        return Evaluation.unsuccessful("x", new Fidelity(1, 31_232), EvaluationStatus.CUT, "", "cpu()",
                Instant.EPOCH, Instant.EPOCH, provenance);
    }

    @Test
    void partOfAnEpochIsSaidAsSuch() {
        assertEquals("31,232 images: 0.57 epoch(s) of 55,000", with(Map.of("trained_images", "31232",
                "train_split_images", "55000")).trained());
    }

    @Test
    void withoutTheTrainersFiguresTheFidelityIsSaid() {
        assertEquals("1 epoch(s) on 31232 examples", with(Map.of()).trained());
    }
}
