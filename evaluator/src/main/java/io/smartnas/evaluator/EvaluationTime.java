package io.smartnas.evaluator;

import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.OptionalDouble;

/**
 * How long evaluating a candidate takes here, learned from the candidates this evaluator finished: a straight line
 * through (work, seconds), the work being the network's MACs times the images it trains on, since training costs in
 * proportion to both, on top of a fixed cost (measuring, timing, calibrating); at a fidelity of equal time the work is
 * the MACs alone, the training time being the fixed cost. Thread-safe.
 */
final class EvaluationTime {
    private final SimpleRegression fit = new SimpleRegression();
    private double longestPerWork;

    /** A candidate of {@code work} (MACs times training images) took {@code seconds} from start to measured. */
    synchronized void record(double work, double seconds) {
        fit.addData(work, seconds);
        longestPerWork = Math.max(longestPerWork, seconds / work);
    }

    /**
     * The seconds a candidate of {@code work} is expected to take: by the line once two candidates of different work
     * were measured (never less than the line's fixed cost), by the slowest rate seen after one, unknown before.
     */
    synchronized OptionalDouble predict(double work) {
        if (fit.getN() == 0) {
            return OptionalDouble.empty();
        }
        double line = fit.predict(work);
        return OptionalDouble.of(fit.getN() >= 2 && Double.isFinite(line) && fit.getSlope() > 0
                ? Math.max(line, fit.getIntercept()) : longestPerWork * work);
    }
}
