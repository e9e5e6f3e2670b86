package io.smartnas.search;

import io.smartnas.results.FinalModel;
import io.smartnas.results.Measured;

import java.util.List;

/**
 * How a search ended.
 *
 * @param evaluations candidates recorded in the run
 * @param feasible    of them, those that met the targets
 * @param best        the best feasible candidate (highest accuracy, then lowest latency), or null
 * @param front       the Pareto front, feasible candidates first
 * @param closest     when nothing is feasible, the candidate that came closest, else null
 * @param misses      how the closest candidate misses each target it misses, e.g. which target binds
 * @param stoppedBy   the rule that ended the run
 * @param finalModel  the run's final training (the best, else the closest, trained again and kept), or null when the
 *                    run has none or it could not start
 */
public record SearchResult(long runId, int evaluations, int feasible, Measured best, List<Measured> front,
                           Measured closest, List<String> misses, String stoppedBy, FinalModel finalModel) {
    public SearchResult {
        front = List.copyOf(front);
        misses = List.copyOf(misses);
    }
}
