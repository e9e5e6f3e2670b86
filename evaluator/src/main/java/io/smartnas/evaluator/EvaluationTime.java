package io.smartnas.evaluator;

import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.OptionalDouble;

/**
 * How long evaluating a candidate takes here, learned from the candidates this evaluator finished: a straight line
 * through (MACs, seconds), since a training step costs in proportion to a network's MACs, on top of a fixed cost
 * (measuring, timing, calibrating). Thread-safe.
 */
final class EvaluationTime {
    private final SimpleRegression fit = new SimpleRegression();
    private double longestPerMac;

    /** A candidate of {@code macs} MACs took {@code seconds} from start to measured. */
    synchronized void record(long macs, double seconds) {
        fit.addData(macs, seconds);
        longestPerMac = Math.max(longestPerMac, seconds / macs);
    }

    /**
     * The seconds a candidate of {@code macs} MACs is expected to take: by the line once two candidates of different
     * sizes were measured (never less than the line's fixed cost), by the slowest rate seen after one, unknown before.
     */
    synchronized OptionalDouble predict(long macs) {
        if (fit.getN() == 0) {
            return OptionalDouble.empty();
        }
        double line = fit.predict(macs);
        return OptionalDouble.of(fit.getN() >= 2 && Double.isFinite(line) && fit.getSlope() > 0
                ? Math.max(line, fit.getIntercept()) : longestPerMac * macs);
    }
}
