package io.smartnas.space.evaluation;

import java.util.Comparator;

/**
 * Where a candidate stands against the targets: the one definition of "which candidate is better", used by the search
 * (as its fitness) and by the results database (to rank what a run measured).
 *
 * <p>The natural order is a total order, greater is better: the smaller total relative violation of the targets first
 * (feasible candidates have 0), then the higher rung of the fidelity ladder it was measured on (a candidate measured
 * after more training is never ranked as the equal of one measured after less: it was promoted because it beat those
 * it was measured with, and its figures are not comparable with theirs), then higher validation accuracy, lower
 * latency (the one the targets are on), fewer parameter bytes. A figure that was not measured (NaN) is worse than any
 * measured one. Multi-objective ranking uses constrained dominance ({@link #dominates}).
 *
 * @param violation total relative violation of the targets (0 feasible, infinite when the candidate could not be
 *                  trained at all)
 * @param accuracy  validation accuracy at the last exit, or NaN
 * @param latencyMs the latency the targets are on, or NaN
 * @param bytes     parameter bytes of the whole network
 * @param rung      the rung of the fidelity ladder it was measured on (0 without one)
 */
public record Standing(double violation, double accuracy, double latencyMs, double bytes, int rung)
        implements Comparable<Standing> {
    /** Objectives of multi-objective ranking: accuracy (up), latency (down), bytes (down). */
    public static final int OBJECTIVES = 3;

    /** Best first: the reverse of the natural order. */
    public static final Comparator<Standing> BEST_FIRST = Comparator.reverseOrder();

    /** Best first on the objectives alone (accuracy, latency, bytes), whatever the violations. */
    public static final Comparator<Standing> OBJECTIVES_BEST_FIRST = (a, b) -> b.compareObjectives(a);

    /**
     * The standing of a candidate that ended {@code status} under {@code targets}. A trained candidate is judged on
     * every figure; one the cost model rejected on its memory miss plus a full miss (1) of each target that needs a
     * measurement; one that diverged, failed or was cut at the deadline stands below every other.
     */
    public static Standing of(Targets targets, EvaluationStatus status, long params, long bytes, double latencyMs,
                              double accuracy, int rung) {
        return switch (status) {
            case OK -> new Standing(targets.violation(params, bytes, latencyMs, accuracy), accuracy, latencyMs, bytes,
                    rung);
            case REJECTED_BY_COST -> new Standing(targets.violation(params, bytes, Double.NaN, Double.NaN), Double.NaN,
                    Double.NaN, bytes, 0);
            case DIVERGED, FAILED, CUT -> untrained(bytes);
        };
    }

    /** A candidate that was not trained (diverged, failed, or beyond the budget): below any other. */
    public static Standing untrained(double bytes) {
        return new Standing(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, bytes, 0);
    }

    public boolean feasible() {
        return violation == 0;
    }

    @Override
    public int compareTo(Standing other) {
        int c = Double.compare(other.violation, violation);
        if (c == 0) {
            c = Integer.compare(rung, other.rung);
        }
        return c != 0 ? c : compareObjectives(other);
    }

    /** The objectives one after the other, the first that differs deciding; positive when this is better. */
    private int compareObjectives(Standing other) {
        int c = 0;
        for (int objective = 0; c == 0 && objective < OBJECTIVES; objective++) {
            c = compare(other, objective);
        }
        return c;
    }

    /**
     * Constrained dominance: a smaller violation dominates; between equal violations, a higher rung; between equal
     * rungs, Pareto dominance on the objectives. Positive when this dominates {@code other}, negative when dominated, 0
     * otherwise.
     */
    public int dominates(Standing other) {
        int c = Double.compare(other.violation, violation);
        if (c != 0 || Double.isInfinite(violation)) {
            return c;
        }
        c = Integer.compare(rung, other.rung);
        return c != 0 ? c : paretoDominates(other);
    }

    /**
     * Pareto dominance on the objectives alone, whatever the violations: positive when this is no worse in every
     * objective and better in one, negative when {@code other} is, 0 otherwise.
     */
    public int paretoDominates(Standing other) {
        int better = 0;
        int worse = 0;
        for (int i = 0; i < OBJECTIVES; i++) {
            int e = compare(other, i);
            better += e > 0 ? 1 : 0;
            worse += e < 0 ? 1 : 0;
        }
        return worse == 0 && better > 0 ? 1 : better == 0 && worse > 0 ? -1 : 0;
    }

    /** Compares one objective, positive when this is better. */
    public int compare(Standing other, int objective) {
        return switch (objective) {
            case 0 -> Double.compare(orWorst(accuracy, -1), orWorst(other.accuracy, -1));
            case 1 -> Double.compare(orWorst(other.latencyMs, Double.MAX_VALUE), orWorst(latencyMs, Double.MAX_VALUE));
            case 2 -> Double.compare(other.bytes, bytes);
            default -> throw new IllegalArgumentException("objective " + objective);
        };
    }

    /** The distance of two candidates in one objective, for crowding. */
    public double distance(Standing other, int objective) {
        return switch (objective) {
            case 0 -> Math.abs(orWorst(accuracy, 0) - orWorst(other.accuracy, 0));
            case 1 -> Math.abs(Math.log1p(orWorst(latencyMs, 0)) - Math.log1p(orWorst(other.latencyMs, 0)));
            case 2 -> Math.abs(Math.log1p(bytes) - Math.log1p(other.bytes));
            default -> throw new IllegalArgumentException("objective " + objective);
        };
    }

    private static double orWorst(double value, double worst) {
        return Double.isNaN(value) ? worst : value;
    }
}
