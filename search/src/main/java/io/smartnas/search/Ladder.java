package io.smartnas.search;

import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Standing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The candidates measured on each rung of a run's fidelity ladder, and asynchronous successive halving (ASHA, Li et
 * al. 2020) over them: a candidate measured on rung {@code r} is promoted to {@code r + 1} as soon as it is among the
 * best {@code floor(n / reduction)} of the {@code n} measured on rung {@code r} so far. No rung waits to fill, so
 * promotions never hold up new candidates, and a worker that comes free can always be given one or the other. Ranking
 * within a rung is {@link Standing}'s order: every candidate there was measured at the same fidelity. Not thread-safe.
 */
final class Ladder {
    /** A candidate due to go on from rung {@code from} to the next. */
    record Promotion(String configId, int from) {
    }

    private final List<Fidelity> rungs;
    private final int reduction;
    private final int evaluations;
    /** Per rung, the candidates measured ok there, in the order they were. */
    private final List<Map<String, Standing>> measured = new ArrayList<>();
    /** Per rung, every candidate measured there whatever the outcome: a failed promotion is not tried again. */
    private final List<Set<String>> attempted = new ArrayList<>();

    /**
     * @param rungs       the fidelity of each rung, rung 0 first
     * @param reduction   candidates of a rung for each one promoted from it
     * @param evaluations the most candidates rung 0 will hold (the run's evaluation budget)
     */
    Ladder(List<Fidelity> rungs, int reduction, int evaluations) {
        this.rungs = List.copyOf(rungs);
        this.reduction = reduction;
        this.evaluations = evaluations;
        for (int r = 0; r < rungs.size(); r++) {
            measured.add(new LinkedHashMap<>());
            attempted.add(new HashSet<>());
        }
    }

    Fidelity fidelity(int rung) {
        return rungs.get(rung);
    }

    /** The highest rung. */
    int top() {
        return rungs.size() - 1;
    }

    /** A measurement of a candidate on a rung: {@code standing} when it ended ok, else null. */
    void add(String configId, int rung, Standing standing) {
        attempted.get(rung).add(configId);
        if (standing != null) {
            measured.get(rung).put(configId, standing);
        }
    }

    /**
     * The promotions due now, from the highest rung down (ASHA's order: the furthest along first), best first within a
     * rung.
     */
    List<Promotion> due() {
        List<Promotion> due = new ArrayList<>();
        for (int r = top() - 1; r >= 0; r--) {
            List<String> ranked = ranked(r);
            for (String id : ranked.subList(0, ranked.size() / reduction)) {
                if (!attempted.get(r + 1).contains(id)) {
                    due.add(new Promotion(id, r));
                }
            }
        }
        return due;
    }

    /**
     * Whether a candidate measured on {@code rung} may still be promoted from it: it has not been, and it is within the
     * share of the most candidates that rung can ever hold ({@code evaluations / reduction^rung}) that gets promoted.
     * Its rank only falls as more are measured there, so one beyond that share never will be.
     */
    boolean promotable(String configId, int rung) {
        if (rung >= top() || attempted.get(rung + 1).contains(configId)) {
            return false;
        }
        int most = evaluations;
        for (int r = 0; r < rung; r++) {
            most /= reduction;
        }
        int rank = ranked(rung).indexOf(configId);
        return rank >= 0 && rank < most / reduction;
    }

    private List<String> ranked(int rung) {
        return measured.get(rung).entrySet().stream().sorted(Map.Entry.comparingByValue(Standing.BEST_FIRST))
                .map(Map.Entry::getKey).toList();
    }
}
