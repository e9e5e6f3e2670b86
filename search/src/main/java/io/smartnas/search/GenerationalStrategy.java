package io.smartnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.engine.EvolutionStream;
import io.smartnas.space.evaluation.Standing;

import java.util.function.Predicate;

/**
 * A strategy that proposes a whole generation at a time, as a Jenetics evolution stream: each generation is measured
 * as one batch (devices the batch leaves free take the promotions that come due), then the next is proposed.
 */
abstract sealed class GenerationalStrategy extends JeneticsStrategy permits GeneticStrategy, RandomStrategy {
    /**
     * The generations after {@code run.lastGeneration()}, numbered on from it, each measured through
     * {@code run.measurer()}. The stream is lazy: a generation is proposed and measured only when it is pulled.
     */
    abstract EvolutionStream<IntegerGene, Standing> generations(Proposing run);

    @Override
    final void search(Proposing run, Predicate<Generation> generation) {
        // The stream is built before the seeded generator is in place and pulled within it, as every run recorded so
        // far was: a resumed run must draw what the killed one would have.
        EvolutionStream<IntegerGene, Standing> generations = generations(run);
        run.seeded(() -> generations.takeWhile(r -> generation.test(run.generation(r))).forEach(g -> { }));
    }
}
