package io.smartnas.evaluator.measure;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RelativeErrorsTest {
    @Test
    void theMedianIsOfMagnitudesAndTheWorstKeepsItsSign() {
        RelativeErrors errors = RelativeErrors.of(new double[] {0.05, -0.30, 0.10, -0.02});
        assertEquals(0.075, errors.medianAbsolute(), 1e-12, "median of 0.02, 0.05, 0.10, 0.30");
        assertEquals(-0.30, errors.worst(), 1e-12);
        assertEquals(0.2, RelativeErrors.of(new double[] {0.2}).worst(), 1e-12);
    }
}
