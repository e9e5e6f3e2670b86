package io.smartnas.launcher;

import io.smartnas.results.Measured;

/** A measured candidate as {@code smartnas query} prints it; a violation is null when nothing could be measured. */
record MeasuredView(String id, String status, boolean feasible, double accuracy, double latencyMs,
                    double anytimeLatencyMs, long params, long bytes, long macs, int exits,
                    double violation, int epochs, int subset) {
    static MeasuredView of(Measured m) {
        return new MeasuredView(m.configId(), m.status().label(), m.feasible(), m.accuracy(), m.latencyMs(),
                m.anytimeLatencyMs(), m.params(), m.bytes(), m.macs(), m.size(), m.violation(),
                m.epochs(), m.subset());
    }
}
