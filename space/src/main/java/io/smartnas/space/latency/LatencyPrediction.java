package io.smartnas.space.latency;

import io.smartnas.space.evaluation.LatencyMode;

import java.util.Arrays;

/**
 * Predicted milliseconds per image at batch size 1.
 *
 * @param throughExitMs per exit: a pass to that exit alone (what a measured exit latency is)
 * @param leavingAtMs   per exit: anytime inference that leaves there, every earlier exit evaluated on the way
 */
public record LatencyPrediction(double[] throughExitMs, double[] leavingAtMs) {
    public LatencyPrediction {
        throughExitMs = throughExitMs.clone();
        leavingAtMs = leavingAtMs.clone();
        if (throughExitMs.length != leavingAtMs.length || throughExitMs.length == 0) {
            throw new IllegalArgumentException("one prediction per exit, both ways");
        }
    }

    /** The last exit's latency: what running every input to the end costs. */
    public double lastExitMs() {
        return throughExitMs[throughExitMs.length - 1];
    }

    /**
     * The expected anytime latency under an exit policy that lets {@code shares[c]} of the inputs leave at exit
     * {@code c}.
     *
     * @throws IllegalArgumentException unless there is one share per exit, none negative, adding up to 1
     */
    public double anytimeMs(double[] shares) {
        double sum = Arrays.stream(shares).sum();
        if (shares.length != leavingAtMs.length || Arrays.stream(shares).anyMatch(s -> !(s >= 0))
                || Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("exit shares must be one per exit, not negative, adding up to 1; got "
                    + Arrays.toString(shares));
        }
        double expected = 0;
        for (int c = 0; c < shares.length; c++) {
            expected += shares[c] * leavingAtMs[c];
        }
        return expected;
    }

    /**
     * The least latency a target in {@code mode} can be met with: the last exit's for {@code last-exit}; for
     * {@code anytime}, leaving at the first exit, which no exit policy beats. A network predicted above a target here
     * cannot meet it.
     */
    public double leastFor(LatencyMode mode) {
        return mode == LatencyMode.ANYTIME ? leavingAtMs[0] : lastExitMs();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyPrediction p && Arrays.equals(throughExitMs, p.throughExitMs)
                && Arrays.equals(leavingAtMs, p.leavingAtMs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(throughExitMs) + Arrays.hashCode(leavingAtMs);
    }

    @Override
    public String toString() {
        return "LatencyPrediction" + Arrays.toString(throughExitMs) + Arrays.toString(leavingAtMs);
    }
}
