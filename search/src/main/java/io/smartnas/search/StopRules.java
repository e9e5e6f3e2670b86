package io.smartnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.engine.EvolutionDurations;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.Limits;
import io.jenetics.util.ISeq;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.run.Durations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Whether a search goes on after a recorded generation: the evaluation budget, the generation count, the deadline and
 * the steady-fitness rule, whichever comes first, as Jenetics {@link Limits} where Jenetics has one. Each is asked
 * after a generation is measured and recorded, so the generation that ends the run is the last one measured; every
 * rule sees every generation (a steady-fitness rule counts them). Remembers which rule stopped the run.
 */
final class StopRules implements Predicate<Generation> {
    private record Rule(String name, Predicate<Generation> proceed) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Budget budget;
    private final Measurer measurer;
    private final Instant deadline;
    private final Clock clock;
    private String stoppedBy = "";

    /**
     * @param deadline       when the search must end (before the run's final training), or null
     * @param lastGeneration the generation the run (re)starts after; budgets count from the run's first generation
     */
    StopRules(Budget budget, Measurer measurer, Instant deadline, int lastGeneration, GenomeCodec codec, Clock clock) {
        this.budget = budget;
        this.measurer = measurer;
        this.deadline = deadline;
        this.clock = clock;
        rules.add(new Rule("evaluations (" + budget.evaluations() + ")", result -> measurer.budgetLeft()));
        if (budget.generations() != null) {
            // byFixedGeneration(n) lets n results through and stops at the next: stop at the run's last generation,
            // without measuring one more.
            rules.add(new Rule("generations (" + budget.generations() + ")",
                    jenetics(Limits.byFixedGeneration(Math.max(0, budget.generations() - lastGeneration - 1L)), codec)));
        }
        if (deadline != null) {
            // A generation whose every new candidate was cut (none would be measured before the deadline) ends
            // the run too: otherwise the engine proposes generation after generation, each cut at once, until then.
            rules.add(new Rule("time (" + Durations.text(budget.time()) + ")",
                    result -> clock.instant().isBefore(deadline) && !measurer.everyTrainingCut()));
        }
        if (budget.steady() != null) {
            rules.add(new Rule("steady fitness (no better candidate for " + budget.steady() + " generations)",
                    jenetics(Limits.bySteadyFitness(budget.steady()), codec)));
        }
    }

    /** A Jenetics limit asked of a generation as Jenetics would hand it over. */
    private static Predicate<Generation> jenetics(Predicate<? super EvolutionResult<IntegerGene, Standing>> limit,
                                                  GenomeCodec codec) {
        return g -> {
            ISeq<Phenotype<IntegerGene, Standing>> population = ISeq.of(IntStream.range(0, g.population().size())
                    .mapToObj(i -> Phenotype.of(codec.encode(g.population().get(i)), g.number(), g.standings()
                            .get(i))).toList());
            return limit.test(EvolutionResult.of(Optimize.MAXIMUM, population, g.number(), EvolutionDurations.ZERO,
                    0, 0, 0));
        };
    }

    /** Whether the run goes on after {@code generation}; once one rule says no, the run has stopped. */
    @Override
    public boolean test(Generation generation) {
        for (Rule rule : rules) {
            if (!rule.proceed().test(generation) && stoppedBy.isEmpty()) {
                stoppedBy = rule.name();
            }
        }
        return stoppedBy.isEmpty();
    }

    /**
     * Whether the run has nothing left before its first generation (a resumed run whose evaluations or time are
     * spent); if so, remembers which.
     */
    boolean spentAlready() {
        if (!measurer.budgetLeft()) {
            stoppedBy = "evaluations (" + budget.evaluations() + ")";
        } else if (deadline != null && (!clock.instant().isBefore(deadline) || measurer.everyTrainingCut())) {
            stoppedBy = "time (" + Durations.text(budget.time()) + ")";
        }
        return !stoppedBy.isEmpty();
    }

    /**
     * The rule that stopped the run; for a strategy that ended by itself before any rule did, the one that holds now,
     * else that it had nothing new to propose.
     */
    String stoppedBy() {
        if (stoppedBy.isEmpty()) {
            spentAlready();
        }
        return stoppedBy.isEmpty() ? "nothing new to propose" : stoppedBy;
    }
}
