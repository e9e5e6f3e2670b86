package io.smartnas.search;

import java.util.List;
import java.util.function.Predicate;

/**
 * How candidates are proposed: a value the search runs. A strategy proposes candidates from the run's state, has them
 * measured through the {@link SearchRun}, and hands each generation, once measured, to the search, which records it
 * and says by its stop rules whether the run goes on; so a strategy neither records nor decides when to stop. A new
 * strategy implements this anywhere (no Jenetics type crosses it) and goes into {@link SearchSettings}; every
 * strategy must pass the search's conformance test (budget spent exactly, each candidate stored once, nothing
 * retrained on resume, stop rules honoured).
 */
public interface Strategy {
    /** Evolution: NSGA-II selection (or tournament, with one objective), uniform crossover and mutation. */
    Strategy GENETIC = new GeneticStrategy();
    /** Uniform draws from the space, gene by gene: the baseline every NAS method is compared with. */
    Strategy RANDOM = new RandomStrategy();
    /** Steady-state NSGA-II: a child bred whenever a device is free, no generation barrier (for many devices). */
    Strategy ASYNCHRONOUS = new AsynchronousStrategy();
    /** The strategies settings can name, in the order the help lists them. */
    List<Strategy> ALL = List.of(GENETIC, RANDOM, ASYNCHRONOUS);

    /** The name in settings, on the command line and in the results: {@code genetic}, {@code random}, ... */
    String label();

    /**
     * Proposes and measures candidates until {@code generation} says stop: each generation after
     * {@code run.lastGeneration()}, numbered on from it, goes to {@code generation} once measured.
     */
    void search(SearchRun run, Predicate<Generation> generation);

    /** @throws IllegalArgumentException if no strategy has this label */
    static Strategy ofLabel(String label) {
        return ALL.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy must be one of " + ALL.stream()
                        .map(Strategy::label).toList() + ", got '" + label + "'"));
    }
}
