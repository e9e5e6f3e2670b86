package io.smartnas.cluster;

import io.smartnas.space.evaluation.Evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which machine measured an evaluation: the cluster's worker that did (host, worker id and devices, from the
 * evaluation's provenance) and its device, or, for a search on one machine, that machine and its device.
 */
public final class MeasuredBy {
    public static final String SEARCH_MACHINE = "the search's machine";

    private MeasuredBy() {
    }

    /** The worker and device, or null for an evaluation that ran on no device (rejected by its cost). */
    public static String of(Evaluation e) {
        if (e.device() == null || e.device().isEmpty()) {
            return null;
        }
        return worker(e) + ", " + e.device();
    }

    /** How many evaluations each worker and device measured, in the order each first appears. */
    public static Map<String, Integer> count(List<Evaluation> evaluations) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        evaluations.stream().map(MeasuredBy::of).filter(Objects::nonNull)
                .forEach(by -> counts.merge(by, 1, Integer::sum));
        return counts;
    }

    /** How many machines measured evaluations of a run. */
    public static int workers(List<Evaluation> evaluations) {
        return (int) evaluations.stream().filter(e -> of(e) != null)
                .map(MeasuredBy::worker).distinct().count();
    }

    private static String worker(Evaluation e) {
        return e.provenance().getOrDefault(Coordinator.MEASURED_BY, SEARCH_MACHINE);
    }
}
