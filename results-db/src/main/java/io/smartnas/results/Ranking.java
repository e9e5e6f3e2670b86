package io.smartnas.results;

import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ParetoFront;
import io.smartnas.space.evaluation.Standing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Measured candidates in the order of {@link Standing} (the one ranking, which the search optimises too), and the
 * Pareto front (accuracy up, latency and memory down) of a run.
 */
public final class Ranking {
    /** By {@link Standing#BEST_FIRST}, then by config id, so that the order is the same on every call. */
    public static final Comparator<Measured> BEST_FIRST = Comparator.comparing(Measured::standing, Standing.BEST_FIRST)
            .thenComparing(Measured::configId);

    private Ranking() {
    }

    /** The {@code k} best measured candidates, feasible or not, by {@link #BEST_FIRST}. */
    public static List<Measured> best(List<Measured> measured, int k) {
        return measured.stream().filter(m -> m.status() == EvaluationStatus.OK).sorted(BEST_FIRST).limit(k).toList();
    }

    /** The {@code k} candidates best by one figure; unmeasured ones last. */
    public static List<Measured> top(List<Measured> measured, Figure figure, int k) {
        Comparator<Measured> byFigure = Comparator.comparingDouble(m -> m.figure(figure));
        if (figure.higherIsBetter()) {
            byFigure = byFigure.reversed();
        }
        return measured.stream().filter(m -> !Double.isNaN(m.figure(figure)))
                .sorted(byFigure.thenComparing(Measured::configId)).limit(k).toList();
    }

    /**
     * The non-dominated feasible candidates, then the non-dominated infeasible ones, each part by {@link #BEST_FIRST}.
     * One candidate dominates another when it is no worse in accuracy, latency and bytes and better in one.
     */
    public static List<Measured> pareto(List<Measured> measured) {
        List<Measured> ok = measured.stream().filter(m -> m.status() == EvaluationStatus.OK).toList();
        List<Measured> front = new ArrayList<>(nonDominated(ok.stream().filter(Measured::feasible).toList()));
        front.addAll(nonDominated(ok.stream().filter(m -> !m.feasible()).toList()));
        return front;
    }

    /** The candidates none of the others dominates on accuracy, latency and bytes, by {@link #BEST_FIRST}. */
    private static List<Measured> nonDominated(List<Measured> candidates) {
        return ParetoFront.of(candidates, Comparator.comparing(Measured::standing, Standing.OBJECTIVES_BEST_FIRST),
                (a, b) -> a.standing().paretoDominates(b.standing())).stream().sorted(BEST_FIRST).toList();
    }
}
