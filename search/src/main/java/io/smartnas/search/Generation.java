package io.smartnas.search;

import io.smartnas.space.Genome;
import io.smartnas.space.evaluation.Standing;

import java.util.List;

/**
 * A generation a strategy hands to the search once it is measured: its number (counting on from the run's last
 * recorded one) and its population, each member with its standing. The search records it (the population is what a
 * resumed run breeds from) and asks its stop rules whether the run goes on.
 */
public record Generation(long number, List<Genome> population, List<Standing> standings) {
    public Generation {
        population = List.copyOf(population);
        standings = List.copyOf(standings);
        if (population.size() != standings.size()) {
            throw new IllegalArgumentException("a standing per member: " + population.size() + " members, "
                    + standings.size() + " standings");
        }
    }
}
