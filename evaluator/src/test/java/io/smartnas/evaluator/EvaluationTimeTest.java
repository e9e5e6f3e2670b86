package io.smartnas.evaluator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTimeTest {
    @Test
    void nothingIsPredictedBeforeACandidateWasMeasured() {
        assertTrue(new EvaluationTime().predict(1_000_000).isEmpty());
    }

    @Test
    void oneCandidateGivesItsRatePerMac() {
        EvaluationTime time = new EvaluationTime();
        time.record(2_000_000, 10);
        assertEquals(20, time.predict(4_000_000).orElseThrow(), 1e-9);
    }

    @Test
    void candidatesOfSeveralSizesGiveAFixedCostAndARatePerMac() {
        EvaluationTime time = new EvaluationTime();
        time.record(1_000_000, 7);
        time.record(3_000_000, 11);
        assertEquals(15, time.predict(5_000_000).orElseThrow(), 1e-9);
        assertEquals(5, time.predict(1).orElseThrow(), 1e-3, "never below the fixed cost");
    }

    @Test
    void aLineThatFallsWithSizeIsNotTrusted() {
        EvaluationTime time = new EvaluationTime();
        time.record(1_000_000, 9);
        time.record(3_000_000, 6);
        assertEquals(9 * 4, time.predict(4_000_000).orElseThrow(), 1e-9, "the slowest rate seen");
    }
}
