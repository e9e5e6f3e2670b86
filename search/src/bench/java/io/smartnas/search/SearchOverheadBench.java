package io.smartnas.search;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.space.evaluation.Targets;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The search's own cost per evaluation (not a test): an asynchronous search on the synthetic evaluator, which trains
 * nothing, over an H2 file, so that all the time is the search's: breeding, NSGA-II ranking, pricing, storing each
 * evaluation and each generation. Prints CPU time and wall time per evaluation, for each population size.
 *   bench/jvm-bench.sh search io.smartnas.search.SearchOverheadBench EVALUATIONS POPULATION...
 */
public final class SearchOverheadBench {
    private SearchOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int evaluations = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            int population = Integer.parseInt(args[i]);
            Path dir = Files.createTempDirectory("smartnas-overhead");
            SearchSettings settings = new SearchSettings(Strategy.ASYNCHRONOUS, Objective.MULTI, Targets.NONE,
                    new Budget(population, evaluations, null, null, null), TestSettings.BOUNDS,
                    TestSettings.FIDELITY, SyntheticEvaluator.DEVICE, 1);
            try (ResultStore store = H2Database.open(dir.resolve("results.mv.db"), true)) {
                long cpu = cpu();
                long wall = System.nanoTime();
                SearchResult result = new Search(store, new SyntheticEvaluator(), settings, SearchProgress.NONE)
                        .start("overhead", "{}", "{}");
                double cpuMs = (cpu() - cpu) / 1e6 / result.evaluations();
                double wallMs = (System.nanoTime() - wall) / 1e6 / result.evaluations();
                System.out.printf(Locale.ROOT, "population %d: %d evaluations, %.2f ms CPU and %.2f ms wall per "
                        + "evaluation%n", population, result.evaluations(), cpuMs, wallMs);
            }
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
