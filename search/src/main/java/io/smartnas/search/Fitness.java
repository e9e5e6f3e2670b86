package io.smartnas.search;

import io.smartnas.space.evaluation.Targets;

/**
 * What the search optimises for one candidate: how far it misses the targets, then its validation accuracy, latency
 * and parameter bytes. The natural order is a total order, greater is better: smaller violation first (feasible
 * candidates have 0), then higher accuracy, lower latency, fewer bytes. Multi-objective ranking uses
 * {@link #dominates} instead.
 *
 * @param violation total relative violation of the targets (0 feasible, infinite when nothing was measured)
 * @param accuracy  validation accuracy at the last exit, or NaN
 * @param latencyMs latency per image at the last exit, or NaN
 * @param bytes     parameter bytes of the whole network
 */
record Fitness(double violation, double accuracy, double latencyMs, double bytes) implements Comparable<Fitness> {
    /** A candidate that could not be measured (diverged, failed, or beyond the budget): worse than any other. */
    static Fitness unmeasured(double bytes) {
        return new Fitness(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, bytes);
    }

    /** Objectives in multi-objective ranking: accuracy (up), latency (down), bytes (down). */
    static final int OBJECTIVES = 3;

    boolean feasible() {
        return violation == 0;
    }

    /** The violation of a candidate the cost model rejected: its memory miss, plus 1 per unmeasurable target. */
    static Fitness rejected(Targets targets, long params, long bytes) {
        double violation = targets.violation(params, bytes, Double.NaN, Double.NaN);
        return new Fitness(violation, Double.NaN, Double.NaN, bytes);
    }

    @Override
    public int compareTo(Fitness other) {
        int c = Double.compare(other.violation, violation);
        if (c != 0) {
            return c;
        }
        c = Double.compare(orWorst(accuracy, -1), orWorst(other.accuracy, -1));
        if (c != 0) {
            return c;
        }
        c = Double.compare(orWorst(other.latencyMs, Double.MAX_VALUE), orWorst(latencyMs, Double.MAX_VALUE));
        return c != 0 ? c : Double.compare(other.bytes, bytes);
    }

    /**
     * Constrained dominance: a smaller violation dominates; between equal violations, Pareto dominance on the
     * objectives. Returns a positive number when this dominates {@code other}, negative when dominated, 0 otherwise.
     */
    int dominates(Fitness other) {
        int c = Double.compare(other.violation, violation);
        if (c != 0 || Double.isInfinite(violation)) {
            return c;
        }
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
    int compare(Fitness other, int objective) {
        return switch (objective) {
            case 0 -> Double.compare(orWorst(accuracy, -1), orWorst(other.accuracy, -1));
            case 1 -> Double.compare(orWorst(other.latencyMs, Double.MAX_VALUE), orWorst(latencyMs, Double.MAX_VALUE));
            case 2 -> Double.compare(other.bytes, bytes);
            default -> throw new IllegalArgumentException("objective " + objective);
        };
    }

    /** The distance of two candidates in one objective, for crowding. */
    double distance(Fitness other, int objective) {
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
