package io.smartnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.engine.EvolutionDurations;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.engine.EvolutionStream;
import io.jenetics.util.ISeq;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.evaluation.Standing;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Random search: each generation draws a population uniformly from the space, gene by gene, with a generator seeded
 * from the run's seed and the generation, so that a resumed run draws what the killed one would have.
 */
final class RandomStrategy extends GenerationalStrategy {
    @Override
    public String label() {
        return "random";
    }

    @Override
    EvolutionStream<IntegerGene, Standing> generations(Proposing run) {
        SearchSpace space = run.codec().space();
        int population = run.settings().budget().population();
        return EvolutionStream.<IntegerGene, Standing>ofEvolution(
                () -> EvolutionStart.of(ISeq.empty(), run.lastGeneration() + 1L),
                start -> {
                    long generation = start.generation();
                    Random random = new Random(run.settings().seed() * 1_000_003L + generation);
                    ISeq<Phenotype<IntegerGene, Standing>> drawn = IntStream.range(0, population)
                            .mapToObj(i -> Phenotype.<IntegerGene, Standing>of(
                                    run.codec().encode(space.random(random)), generation))
                            .collect(ISeq.toISeq());
                    return EvolutionResult.of(Optimize.MAXIMUM, run.measure(drawn, generation), generation,
                            EvolutionDurations.ZERO, 0, 0, 0);
                });
    }
}
