package io.smartnas.space.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What was trained is said from what the training saw, not from the fidelity it was given; a network cut from a supernet
 * says so.
 */
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
    void aNetworkCutFromASupernetSaysSoAndWhatItTrainedAfter() {
        Evaluation cut = Evaluation.unsuccessful("x", Fidelity.inherited("d8cb8d0d61d2"), EvaluationStatus.CUT, "",
                "cpu()", Instant.EPOCH, Instant.EPOCH, Map.of("trained_images", "0", "train_split_images", "55000"));
        assertEquals("inherited from supernet d8cb8d0d61d2", cut.trained());
        Evaluation tuned = Evaluation.unsuccessful("x", new Fidelity(1000, 0, 60, "d8cb8d0d61d2"),
                EvaluationStatus.CUT, "", "cpu()", Instant.EPOCH, Instant.EPOCH, Map.of("trained_images", "110000",
                        "train_split_images", "55000"));
        assertEquals("inherited from supernet d8cb8d0d61d2, then 110,000 images: 2.00 epoch(s) of 55,000",
                tuned.trained());
    }

    @Test
    void onlyANetworkCutFromASupernetMayHaveNoTraining() {
        assertThrows(IllegalArgumentException.class, () -> new Fidelity(0, 0, 0));
        assertEquals("inherited from supernet abc, then 60 s of training (at most 9 epoch(s) on all examples)",
                new Fidelity(9, 0, 60).after("abc").toString());
        assertFalse(new Fidelity(1, 0).inherits());
    }

    @Test
    void withoutTheTrainersFiguresTheFidelityIsSaid() {
        assertEquals("1 epoch(s) on 31232 examples", with(Map.of()).trained());
    }
}
