package io.smartnas.search;

import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import io.smartnas.space.InvalidInputException;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs side by side: the best feasible validation accuracy after each evaluation, and, when the runs come from two
 * strategies with at least two runs each, whether their final bests differ significantly (two-sided Mann-Whitney U).
 * A run that found nothing feasible counts with a best of 0.
 *
 * @param curves one per run, in the order asked
 * @param test   the test of the final bests, or null when the runs do not form two groups of two or more
 */
public record Comparison(List<Curve> curves, Test test) {
    /**
     * One run: its strategy, its best feasible accuracy after 1, 2, ... evaluations (NaN before any), and the minutes
     * after the run started at which each of them was stored (a result read from an earlier run, stored with that
     * run's times, counts as stored with the one before it).
     */
    public record Curve(long runId, String strategy, double[] bestSoFar, double[] minutes) {
        public double last() {
            return bestSoFar.length == 0 || Double.isNaN(bestSoFar[bestSoFar.length - 1]) ? 0
                    : bestSoFar[bestSoFar.length - 1];
        }
    }

    /** Two groups of runs and the p-value of the difference of their final bests. */
    public record Test(String first, double firstMean, int firstRuns, String second, double secondMean,
                       int secondRuns, double p) {
    }

    /** @throws InvalidInputException if a run does not exist */
    public static Comparison of(ResultStore store, List<Long> runIds) {
        List<Curve> curves = new ArrayList<>();
        for (long id : runIds) {
            RunSummary run = store.run(id).orElseThrow(() -> new InvalidInputException("no run " + id));
            List<Measured> measured = store.measured(id, run.targets());
            Map<Long, Instant> stored = new HashMap<>();
            store.evaluations(id).forEach(e -> stored.put(e.id(), e.evaluation().finished()));
            double[] best = new double[measured.size()];
            double[] minutes = new double[measured.size()];
            double sofar = Double.NaN;
            double last = 0;
            for (int i = 0; i < best.length; i++) {
                Measured m = measured.get(i);
                if (m.feasible() && (Double.isNaN(sofar) || m.accuracy() > sofar)) {
                    sofar = m.accuracy();
                }
                best[i] = sofar;
                Instant finished = stored.get(m.evaluationId());
                last = Math.max(last, finished == null ? last
                        : Duration.between(run.created(), finished).toMillis() / 60_000.0);
                minutes[i] = last;
            }
            curves.add(new Curve(id, run.strategy(), best, minutes));
        }
        return new Comparison(curves, test(curves));
    }

    private static Test test(List<Curve> curves) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        curves.forEach(c -> groups.computeIfAbsent(c.strategy(), s -> new ArrayList<>()).add(c.last()));
        if (groups.size() != 2 || groups.values().stream().anyMatch(g -> g.size() < 2)) {
            return null;
        }
        List<String> names = new ArrayList<>(groups.keySet());
        double[] a = groups.get(names.get(0)).stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = groups.get(names.get(1)).stream().mapToDouble(Double::doubleValue).toArray();
        double p = new MannWhitneyUTest().mannWhitneyUTest(a, b);
        return new Test(names.get(0), StatUtils.mean(a), a.length, names.get(1), StatUtils.mean(b), b.length, p);
    }
}
