package io.smartnas.search.example;

import io.smartnas.search.Generation;
import io.smartnas.search.SearchRun;
import io.smartnas.search.Strategy;
import io.smartnas.space.Genome;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.evaluation.Standing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A strategy written outside the search's package, through its public seam alone: each generation keeps the best of
 * the last and fills the rest with fresh draws from the space (a restart-heavy local search). It exists to show that
 * the seam is enough, and passes the same conformance test as the strategies SmartNAS ships.
 */
public final class LocalSearch implements Strategy {
    @Override
    public String label() {
        return "local";
    }

    @Override
    public void search(SearchRun run, Predicate<Generation> generation) {
        SearchSpace space = run.space();
        int size = run.settings().budget().population();
        List<Genome> population = new ArrayList<>(run.population());
        List<Standing> standings = population.isEmpty() ? List.of() : run.measure(population, run.lastGeneration());
        for (long number = run.lastGeneration() + 1L; ; number++) {
            Random random = new Random(run.settings().seed() * 1_000_003L + number);
            List<Genome> next = new ArrayList<>();
            if (!population.isEmpty()) {
                List<Standing> known = standings;
                next.add(population.get(IntStream.range(0, population.size()).boxed()
                        .max(Comparator.comparing(known::get)).orElseThrow()));
            }
            while (next.size() < size) {
                next.add(space.random(random));
            }
            standings = run.measure(next, number);
            population = next;
            if (!generation.test(new Generation(number, population, standings))) {
                return;
            }
        }
    }
}
