package io.smartnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.engine.EvolutionStream;
import io.smartnas.space.evaluation.Standing;

import java.util.List;

/**
 * How candidates are proposed: a value the search runs. A strategy turns the run's state into a stream of generations,
 * each already measured; the search records each generation as it passes ({@code peek}) and ends the stream by its
 * stop rules, so a strategy neither records nor decides when to stop.
 */
public sealed interface Strategy permits GeneticStrategy, RandomStrategy {
    /** Evolution: NSGA-II selection (or tournament, with one objective), uniform crossover and mutation. */
    Strategy GENETIC = new GeneticStrategy();
    /** Uniform draws from the space, gene by gene: the baseline every NAS method is compared with. */
    Strategy RANDOM = new RandomStrategy();
    /** Every strategy, in the order the help lists them. */
    List<Strategy> ALL = List.of(GENETIC, RANDOM);

    /** The name in settings, on the command line and in the results: {@code genetic}, {@code random}. */
    String label();

    /**
     * The generations after {@code run.lastGeneration()}, numbered on from it, each measured through
     * {@code run.measurer()}. The stream is lazy: a generation is proposed and measured only when it is pulled.
     */
    EvolutionStream<IntegerGene, Standing> generations(Proposing run);

    /** @throws IllegalArgumentException if no strategy has this label */
    static Strategy ofLabel(String label) {
        return ALL.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy must be one of " + ALL.stream()
                        .map(Strategy::label).toList() + ", got '" + label + "'"));
    }
}
