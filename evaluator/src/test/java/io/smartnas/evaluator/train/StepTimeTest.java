package io.smartnas.evaluator.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepTimeTest {
    @Test
    void millisecondsPerStepCountOnlyTheStepsSinceTheCopy() {
        StepTime time = new StepTime();
        time.add(9_000_000, 9_000_000, 9_000_000);
        StepTime warm = time.copy();
        time.add(1_000_000, 2_000_000, 3_000_000);
        time.add(3_000_000, 4_000_000, 5_000_000);
        assertArrayEquals(new double[] {2, 3, 4}, time.msPerStepSince(warm), 1e-9);
    }

    @Test
    void noStepSinceTheCopyIsNotANumber() {
        StepTime time = new StepTime();
        assertTrue(Double.isNaN(time.msPerStepSince(time.copy())[0]));
    }
}
