package io.smartnas.evaluator.measure;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.Arrays;
import java.util.List;

/**
 * Prices of the latency terms fitted to timed passes: least squares on the relative error (each pass weighs by
 * its own latency, so a 1 ms network counts as much as a 20 ms one), no intercept, and no negative price: a term
 * whose price comes out negative is dropped (price 0) and the rest fitted again, until none is negative.
 *
 * @param coefficients milliseconds per unit of each term
 * @param medianError  median relative error over the passes fitted
 * @param worstError   largest relative error over them
 */
public record LatencyFit(double[] coefficients, double medianError, double worstError) {
    /**
     * Fits {@code ms[i] ~ sum_j coefficients[j] * terms.get(i)[j]}.
     *
     * @throws IllegalArgumentException if there are no more passes than terms, or a latency is not positive
     */
    public static LatencyFit of(List<double[]> terms, double[] ms) {
        int n = ms.length;
        int p = terms.get(0).length;
        if (terms.size() != n || n <= p || Arrays.stream(ms).anyMatch(y -> !(y > 0))) {
            throw new IllegalArgumentException("a fit needs more timed passes than terms (" + p + ") and positive "
                    + "times, got " + n);
        }
        double[] scale = new double[p];
        for (double[] x : terms) {
            for (int j = 0; j < p; j++) {
                scale[j] = Math.max(scale[j], Math.abs(x[j]));
            }
        }
        boolean[] active = new boolean[p];
        for (int j = 0; j < p; j++) {
            active[j] = scale[j] > 0;
        }
        double[] coefficients = new double[p];
        while (true) {
            int[] columns = java.util.stream.IntStream.range(0, p).filter(j -> active[j]).toArray();
            double[] beta = solve(terms, ms, scale, columns);
            int worst = -1;
            for (int k = 0; k < columns.length; k++) {
                if (beta[k] < 0 && (worst < 0 || beta[k] < beta[worst])) {
                    worst = k;
                }
            }
            if (worst < 0) {
                Arrays.fill(coefficients, 0);
                for (int k = 0; k < columns.length; k++) {
                    coefficients[columns[k]] = beta[k] / scale[columns[k]];
                }
                break;
            }
            active[columns[worst]] = false;
        }
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            double predicted = 0;
            for (int j = 0; j < p; j++) {
                predicted += coefficients[j] * terms.get(i)[j];
            }
            errors[i] = (predicted - ms[i]) / ms[i];
        }
        RelativeErrors summary = RelativeErrors.of(errors);
        return new LatencyFit(coefficients, summary.medianAbsolute(), Math.abs(summary.worst()));
    }

    /** Least squares of 1 ~ sum_k beta_k * x[columns[k]] / scale / ms, the relative-error form. */
    private static double[] solve(List<double[]> terms, double[] ms, double[] scale, int[] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("no latency term can be priced from these passes");
        }
        double[][] x = new double[ms.length][columns.length];
        double[] ones = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            for (int k = 0; k < columns.length; k++) {
                x[i][k] = terms.get(i)[columns[k]] / scale[columns[k]] / ms[i];
            }
            ones[i] = 1;
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(ones, x);
        return ols.estimateRegressionParameters();
    }
}
