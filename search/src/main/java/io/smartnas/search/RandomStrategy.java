package io.smartnas.search;

import io.smartnas.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random search: each generation draws a population uniformly from the space, gene by gene, with a generator seeded
 * from the run's seed and the generation, so that a resumed run draws what the killed one would have.
 */
final class RandomStrategy {
    private RandomStrategy() {
    }

    static void run(SearchSpace space, Measurer measurer, GenerationRecorder recorder, StopRules stop,
                    SearchSettings settings, int lastGeneration, SearchProgress progress) {
        for (int generation = lastGeneration + 1; ; generation++) {
            Random random = new Random(settings.seed() * 1_000_003L + generation);
            List<Proposal> population = new ArrayList<>(settings.budget().population());
            for (int i = 0; i < settings.budget().population(); i++) {
                population.add(Proposals.of(space, space.random(random)));
            }
            progress.generation(generation, population.size());
            measurer.measure(population);
            recorder.record(generation, population);
            if (!stop.proceed(generation)) {
                return;
            }
        }
    }
}
