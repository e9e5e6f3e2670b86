package io.smartnas.results;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Targets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes 10,000 evaluations with their exit metrics to a fresh H2 file and answers the Pareto query over them,
 * printing the timings. A benchmark, not a test: {@code bench/jvm-bench.sh results-db io.smartnas.results.StoreBenchmark}
 */
public final class StoreBenchmark {
    private static final int EVALUATIONS = 10_000;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("smartnas-bench");
        Path db = dir.resolve("results.mv.db");
        SmartNetConfig[] configs = new SmartNetConfig[EVALUATIONS];
        for (int i = 0; i < EVALUATIONS; i++) {
            configs[i] = Samples.config(i);
        }
        try (ResultStore store = H2Database.open(db, true)) {
            long run = store.createRun(Samples.run("bench", new Targets(200_000L, null, 5.0, 0.5)));
            long start = System.nanoTime();
            for (int i = 0; i < EVALUATIONS; i++) {
                store.putCandidate(Samples.candidate(configs[i]));
                store.addEvaluation(run, Samples.ok(configs[i], Samples.FIDELITY, 0.5 + (i * 7919 % 500) / 1000.0,
                        0.5 + (i * 104729 % 1000) / 100.0));
            }
            double write = (System.nanoTime() - start) / 1e9;
            for (int round = 0; round < 3; round++) {
                long q = System.nanoTime();
                int front = store.pareto(run, Targets.NONE).size();
                double pareto = (System.nanoTime() - q) / 1e6;
                q = System.nanoTime();
                int best = store.best(run, Targets.NONE, 10).size();
                double bestMs = (System.nanoTime() - q) / 1e6;
                System.out.printf(Locale.ROOT, "round %d: pareto %.0f ms (front of %d), best-10 %.0f ms (%d)%n",
                        round, pareto, front, bestMs, best);
            }
            System.out.printf(Locale.ROOT, "wrote %d evaluations with exit metrics in %.1f s (%.2f ms each, "
                    + "committed one by one), file %.1f MB while open%n", EVALUATIONS, write,
                    write * 1000 / EVALUATIONS, Files.size(db) / 1e6);
        }
        System.out.printf(Locale.ROOT, "file %.1f MB after close%n", Files.size(db) / 1e6);
    }
}
