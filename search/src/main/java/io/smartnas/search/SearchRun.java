package io.smartnas.search;

import io.smartnas.space.Genome;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.evaluation.Standing;

import java.util.List;

/**
 * What a {@link Strategy} proposes from and measures through: the space, the run's settings, where the run stands (the
 * population recorded last and its generation, empty and 0 for a new run), and the measuring itself, which spends the
 * budget, rejects by cost, reuses what was measured, promotes, stores and ranks, so that a strategy only proposes.
 */
public interface SearchRun {
    SearchSpace space();

    SearchSettings settings();

    /** The population recorded last (what a resumed run breeds from); empty for a new run. */
    List<Genome> population();

    /** The generation recorded last; 0 for a new run. */
    int lastGeneration();

    /**
     * Measures {@code candidates} as one batch, proposed for generation {@code generation}: each new one is trained
     * (or rejected by cost, or read where this kind of device measured it before), one already measured keeps its
     * standing, and candidates beyond the budget are left untrained. The candidates are also what the strategy breeds
     * from now, whose networks children may inherit.
     *
     * @return the standing of each candidate, in order
     */
    List<Standing> measure(List<Genome> candidates, long generation);
}
