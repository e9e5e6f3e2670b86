package io.smartnas.space.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandingTest {
    private static final Targets TARGETS = new Targets(null, 1000L, 5.0, 0.8);

    @Test
    void feasibleFirstThenAccuracyThenLatencyThenBytes() {
        Standing best = Standing.of(TARGETS, EvaluationStatus.OK, 100, 400, 2.0, 0.9, 0);
        Standing slower = Standing.of(TARGETS, EvaluationStatus.OK, 100, 400, 3.0, 0.9, 0);
        Standing larger = Standing.of(TARGETS, EvaluationStatus.OK, 100, 900, 3.0, 0.9, 0);
        Standing lessAccurate = Standing.of(TARGETS, EvaluationStatus.OK, 100, 100, 1.0, 0.85, 0);
        Standing infeasible = Standing.of(TARGETS, EvaluationStatus.OK, 100, 100, 1.0, 0.7, 0);
        Standing rejected = Standing.of(TARGETS, EvaluationStatus.REJECTED_BY_COST, 100, 1100, 1.0, 0.99, 0);
        Standing failed = Standing.of(TARGETS, EvaluationStatus.FAILED, 10, 10, Double.NaN, Double.NaN, 0);
        List<Standing> expected = List.of(best, slower, larger, lessAccurate, infeasible, rejected, failed);
        assertEquals(expected, Stream.of(failed, rejected, larger, infeasible, best, lessAccurate, slower)
                .sorted(Standing.BEST_FIRST).toList());
    }

    @Test
    void aRejectedCandidateMissesItsMemoryTargetAndEveryTargetThatNeedsTraining() {
        Standing rejected = Standing.of(TARGETS, EvaluationStatus.REJECTED_BY_COST, 100, 1100, 1.0, 0.99, 0);
        assertEquals(0.1 + 1 + 1, rejected.violation(), 1e-12);
        assertTrue(Double.isNaN(rejected.accuracy()), "a rejected candidate was never trained");
        assertEquals(Double.POSITIVE_INFINITY,
                Standing.of(TARGETS, EvaluationStatus.DIVERGED, 1, 1, 1, 1, 0).violation());
    }

    @Test
    void constrainedDominanceWeighsTheViolationBeforeTheObjectives() {
        Targets fewParams = new Targets(50L, null, null, null);
        Standing feasibleButSlow = Standing.of(fewParams, EvaluationStatus.OK, 40, 400, 4.0, 0.81, 0);
        Standing infeasibleButBetter = Standing.of(fewParams, EvaluationStatus.OK, 100, 100, 1.0, 0.9, 0);
        assertEquals(1, feasibleButSlow.dominates(infeasibleButBetter));
        assertEquals(-1, feasibleButSlow.paretoDominates(infeasibleButBetter));
        Standing tradeOff = Standing.of(fewParams, EvaluationStatus.OK, 40, 900, 1.0, 0.81, 0);
        assertEquals(0, feasibleButSlow.dominates(tradeOff), "faster but larger: neither dominates");
    }

    @Test
    void aHigherRungRanksAboveALowerOneAtEqualViolationAndNeverAsItsEqual() {
        Standing promoted = Standing.of(TARGETS, EvaluationStatus.OK, 100, 900, 3.0, 0.82, 1);
        Standing better = Standing.of(TARGETS, EvaluationStatus.OK, 100, 100, 1.0, 0.9, 0);
        Standing infeasiblePromoted = Standing.of(TARGETS, EvaluationStatus.OK, 100, 100, 1.0, 0.7, 2);
        assertTrue(promoted.compareTo(better) > 0, "measured after more training, it ranks above");
        assertEquals(1, promoted.dominates(better));
        assertEquals(-1, better.dominates(promoted));
        assertEquals(1, better.dominates(infeasiblePromoted), "the targets come before the rung");
        assertTrue(infeasiblePromoted.compareTo(better) < 0);
    }
}
