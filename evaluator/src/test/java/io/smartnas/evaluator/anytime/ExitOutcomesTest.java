package io.smartnas.evaluator.anytime;

import io.smartnas.evaluator.ExitPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitOutcomesTest {
    /** Four images, two exits: exit 0 is sure and right about the first two, unsure and wrong about the others. */
    private final ExitOutcomes outcomes = new ExitOutcomes(
            new float[][] {{0.95f, 0.99f}, {0.9f, 0.99f}, {0.4f, 0.8f}, {0.5f, 0.7f}},
            new boolean[][] {{true, true}, {true, true}, {false, true}, {false, false}},
            new long[] {100, 300});

    @Test
    void everyImageRunsToTheLastExitWithoutEarlyExits() {
        ExitOutcomes.Outcome o = outcomes.under(ExitPolicy.lastExitOnly(2));
        assertEquals(0.75, o.accuracy());
        assertEquals(300, o.averageMacs());
        assertArrayEquals(new double[] {0, 1}, o.share());
    }

    @Test
    void confidentImagesLeaveEarly() {
        ExitOutcomes.Outcome o = outcomes.under(ExitPolicy.shared(2, 0.85));
        assertEquals(0.75, o.accuracy());
        assertEquals(200, o.averageMacs());
        assertArrayEquals(new double[] {0.5, 0.5}, o.share());
    }

    @Test
    void theCheapestPolicyKeepsTheAccuracyAndSavesWhatItCan() {
        ExitPolicy policy = Calibration.withinPoints(outcomes, 0);
        ExitOutcomes.Outcome o = outcomes.under(policy);
        // Image 4 leaves at exit 0 too: exit 1 gets it wrong as well, so only image 3 needs exit 1.
        assertEquals(0.75, o.accuracy());
        assertEquals(150, o.averageMacs());
        assertEquals(0, o.lossBound());
        assertTrue(policy.thresholds().get(0) >= 0.4 && policy.thresholds().get(0) < 0.5, policy.toString());
    }

    @Test
    void aPolicyThatTradesAnswersCarriesALossBound() {
        // 100 images, exit 0 sure of all: right where exit 1 is wrong on 5, wrong where exit 1 is right on 5.
        float[][] confidence = new float[100][];
        boolean[][] correct = new boolean[100][];
        for (int i = 0; i < 100; i++) {
            confidence[i] = new float[] {0.99f, 0.99f};
            correct[i] = i < 5 ? new boolean[] {true, false} : i < 10 ? new boolean[] {false, true}
                    : new boolean[] {true, true};
        }
        ExitOutcomes traded = new ExitOutcomes(confidence, correct, new long[] {100, 300});
        ExitOutcomes.Outcome early = traded.under(ExitPolicy.shared(2, 0.5));
        assertEquals(traded.under(ExitPolicy.lastExitOnly(2)).accuracy(), early.accuracy());
        // Mean loss 0, standard error sqrt(0.1 / 100): the bound is 1.645 * 0.0316 = 5.2 points.
        assertEquals(0.052, early.lossBound(), 1e-3);
        assertEquals(ExitPolicy.lastExitOnly(2), Calibration.withinPoints(traded, 5));
        assertEquals(100, traded.under(Calibration.withinPoints(traded, 6)).averageMacs());
    }

    @Test
    void theMostAccuratePolicyStaysWithinTheBudget() {
        ExitPolicy policy = Calibration.mostAccurate(outcomes, 150);
        ExitOutcomes.Outcome o = outcomes.under(policy);
        assertTrue(o.averageMacs() <= 150, String.valueOf(o.averageMacs()));
        assertEquals(0.75, o.accuracy());
        assertEquals(0.5, outcomes.under(Calibration.mostAccurate(outcomes, 100)).accuracy());
    }

    @Test
    void aPolicyIsCutWithItsModel() {
        ExitPolicy policy = new ExitPolicy(List.of(0.9, 0.8));
        assertEquals(new ExitPolicy(List.of(0.9)), policy.prefix(2));
        assertEquals(ExitPolicy.lastExitOnly(1), policy.prefix(1));
        assertEquals(policy, ExitPolicy.of(policy.json()));
    }
}
