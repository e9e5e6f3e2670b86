package io.smartnas.space.latency;

import io.smartnas.space.SmartNetConfig;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a device charges for each term of {@link LatencyFeatures}, measured once on a fixed set of networks: a
 * prediction is the sum of the terms times their prices.
 *
 * @param device       the device class it was measured on: CPU model and intra-op threads, or GPU name
 * @param coefficients milliseconds per unit of each term, in {@link LatencyFeatures#NAMES} order; none negative
 * @param points       timed passes the prices were fitted to
 * @param medianError  median relative error of the fit over those passes (0.05 is 5%)
 * @param worstError   largest relative error over those passes
 * @param calibrated   when it was measured
 * @param runtime      engine, versions and machine it was measured with
 */
public record DeviceProfile(String device, List<Double> coefficients, int points, double medianError,
                            double worstError, Instant calibrated, String runtime) {
    public DeviceProfile {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(calibrated, "calibrated");
        Objects.requireNonNull(runtime, "runtime");
        coefficients = List.copyOf(coefficients);
        if (coefficients.size() != LatencyFeatures.NAMES.size()
                || coefficients.stream().anyMatch(c -> !(c >= 0 && Double.isFinite(c)))) {
            throw new IllegalArgumentException("a device profile has one finite, non-negative price per term "
                    + LatencyFeatures.NAMES + ", got " + coefficients);
        }
    }

    /** Predicted milliseconds of a pass with these features. */
    public double milliseconds(LatencyFeatures features) {
        double[] x = features.vector();
        double ms = 0;
        for (int i = 0; i < x.length; i++) {
            ms += coefficients.get(i) * x[i];
        }
        return ms;
    }

    /** The latency of every exit of {@code config} on this device, both ways. */
    public LatencyPrediction predict(SmartNetConfig config) {
        double[] through = new double[config.size()];
        double[] leaving = new double[config.size()];
        for (int c = 0; c < through.length; c++) {
            through[c] = milliseconds(LatencyFeatures.throughExit(config, c));
            leaving[c] = milliseconds(LatencyFeatures.leavingAt(config, c));
        }
        return new LatencyPrediction(through, leaving);
    }
}
