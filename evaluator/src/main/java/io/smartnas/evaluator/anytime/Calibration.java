package io.smartnas.evaluator.anytime;

import io.smartnas.evaluator.ExitPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the thresholds of an exit policy on validation outcomes for one of two goals: the lowest average cost that
 * loses at most a given accuracy against the last exit, or the highest accuracy whose average cost is at most a
 * budget. It tries one shared threshold over a grid first, then improves one exit's threshold at a time (coordinate
 * descent) while that helps.
 * When no policy meets a budget, it returns the cheapest one.
 */
public final class Calibration {
    /** The default goal: lose at most this many points of the last exit's accuracy, at the lowest cost. */
    public static final double DEFAULT_ACCURACY_DROP_POINTS = 0.3;
    private static final List<Double> GRID = grid();
    private static final int ROUNDS = 4;

    private Calibration() {
    }

    /**
     * The cheapest policy that loses at most {@code points} percentage points of the last exit's accuracy, at 95%
     * confidence: the bound, not the observed loss, must stay within the goal, so that a policy tuned on validation
     * images keeps its promise on images it has not seen. Running every image to the last exit always qualifies.
     */
    public static ExitPolicy withinPoints(ExitOutcomes outcomes, double points) {
        double maxLoss = points / 100;
        Comparator<ExitOutcomes.Outcome> better = Comparator
                .comparing((ExitOutcomes.Outcome o) -> o.lossBound() <= maxLoss).reversed()
                .thenComparing(o -> o.lossBound() <= maxLoss ? o.averageMacs() : o.lossBound())
                .thenComparing(o -> -o.accuracy());
        return search(outcomes, better);
    }

    /** The most accurate policy whose average cost is at most {@code maxAverageMacs}. */
    public static ExitPolicy mostAccurate(ExitOutcomes outcomes, double maxAverageMacs) {
        Comparator<ExitOutcomes.Outcome> better = Comparator
                .comparing((ExitOutcomes.Outcome o) -> o.averageMacs() <= maxAverageMacs).reversed()
                .thenComparing(o -> o.averageMacs() <= maxAverageMacs ? -o.accuracy() : o.averageMacs())
                .thenComparing(ExitOutcomes.Outcome::averageMacs);
        return search(outcomes, better);
    }

    /** Thresholds from 0 to 1, finer near 1 where confident exits are decided. */
    public static List<Double> grid() {
        List<Double> grid = new ArrayList<>();
        for (int i = 0; i <= 18; i++) {
            grid.add(i * 0.05);
        }
        for (int i = 1; i <= 9; i++) {
            grid.add(0.9 + i * 0.01);
        }
        for (int i = 1; i <= 9; i++) {
            grid.add(0.99 + i * 0.001);
        }
        grid.add(1.0);
        return grid;
    }

    private static ExitPolicy search(ExitOutcomes outcomes, Comparator<ExitOutcomes.Outcome> better) {
        int exits = outcomes.exits();
        ExitPolicy best = ExitPolicy.lastExitOnly(exits);
        ExitOutcomes.Outcome bestOutcome = outcomes.under(best);
        for (double t : GRID) {
            ExitPolicy policy = ExitPolicy.shared(exits, t);
            ExitOutcomes.Outcome outcome = outcomes.under(policy);
            if (better.compare(outcome, bestOutcome) < 0) {
                best = policy;
                bestOutcome = outcome;
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            boolean improved = false;
            for (int exit = 0; exit < exits - 1; exit++) {
                for (double t : GRID) {
                    ExitPolicy policy = best.with(exit, t);
                    ExitOutcomes.Outcome outcome = outcomes.under(policy);
                    if (better.compare(outcome, bestOutcome) < 0) {
                        best = policy;
                        bestOutcome = outcome;
                        improved = true;
                    }
                }
            }
            if (!improved) {
                break;
            }
        }
        return best;
    }
}
