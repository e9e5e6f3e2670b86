package io.smartnas.evaluator.measure;

import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How far predictions are from measurements, summarised: the median of the absolute relative errors and the signed
 * error of largest magnitude. Both a latency fit and a check of it on other networks report these.
 */
public record RelativeErrors(double medianAbsolute, double worst) {
    /** The summary of signed relative errors ({@code (predicted - measured) / measured}); at least one. */
    public static RelativeErrors of(double[] errors) {
        return new RelativeErrors(new Median().evaluate(Arrays.stream(errors).map(Math::abs).toArray()),
                Arrays.stream(errors).boxed().max(Comparator.comparingDouble(Math::abs)).orElseThrow());
    }
}
