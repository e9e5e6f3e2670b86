package io.smartnas.search;

import io.jenetics.Alterer;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.evaluation.Standing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Steady-state NSGA-II with no generation barrier, for many devices: a child is bred the moment a device is free,
 * from the candidates measured so far, and each result joins the population when it arrives, in whatever order
 * results arrive. Survivors: the population and the newcomer are one more than the population holds, and the one
 * ranked last leaves ((&mu; + 1) selection, as in Durillo et al.'s steady-state NSGA-II), ranked as the genetic
 * strategy ranks: constrained dominance (a smaller violation of the targets first, then Pareto dominance on
 * accuracy, latency and bytes; a higher rung first at equal violation), then crowding distance; or by
 * {@link Standing}'s total order with one objective. Parents: two binary tournaments on the same ranking; then the
 * genetic strategy's uniform crossover and mutation. Until two candidates are measured, a free device gets a random
 * one. Every {@code population} results make a generation, recorded (its population is what a resumed run breeds
 * from) and handed to the stop rules.
 *
 * <p>Why it stays NSGA-II when results arrive out of order: selection reads only the set of measured candidates, never
 * the order they were bred or measured in, and a promotion's higher rung refreshes its candidate's standing before
 * every ranking. A child whose parents left the population meanwhile is judged on its own result like any other.
 * With one device it is a (&mu; + 1) evolution and reproducible from its seed; with several, which children are bred
 * depends on the order results arrive in.
 */
final class AsynchronousStrategy extends JeneticsStrategy {
    @Override
    public String label() {
        return "asynchronous";
    }

    @Override
    void search(Proposing run, Predicate<Generation> generation) {
        Breeding breeding = new Breeding(run, generation);
        run.measurer().measureAsynchronously(breeding::next, breeding::measured);
        breeding.finish();
    }

    /** A measured member of the population: its proposal and its phenotype, with fitness. */
    private record Member(Proposal proposal, Phenotype<IntegerGene, Standing> phenotype) {
    }

    /** The population as results arrive, and the children bred from it. */
    private static final class Breeding {
        private final Proposing run;
        private final Predicate<Generation> generation;
        private final int size;
        private final boolean multiObjective;
        private final NSGA2Selector<IntegerGene, Standing> nsga2 = GeneticStrategy.nsga2();
        private final Alterer<IntegerGene, Standing> alterer;
        private final SearchSpace space;
        private final Random random;
        private final List<Member> members = new ArrayList<>();
        private long generations;
        private int sinceRecorded;
        private boolean stopped;

        Breeding(Proposing run, Predicate<Generation> generation) {
            this.run = run;
            this.generation = generation;
            this.size = run.settings().budget().population();
            this.multiObjective = run.settings().objective() != Objective.ACCURACY;
            this.alterer = GeneticStrategy.alterer(run);
            this.space = run.codec().space();
            this.random = new Random(run.settings().seed() * 1_000_003L + run.lastGeneration());
            this.generations = run.lastGeneration();
            for (var genome : run.population()) {
                Proposal p = Proposals.of(space, genome);
                Standing standing = run.measurer().known().get(p.id());
                if (standing != null) {
                    members.add(member(p, standing));
                }
            }
            run.progress().generation((int) generations + 1, size);
        }

        /** A child of two tournament winners, or a random candidate while fewer than two are measured. */
        Optional<Proposal> next() {
            if (stopped) {
                return Optional.empty();
            }
            if (members.size() < 2) {
                return Optional.of(Proposals.of(space, space.random(random)));
            }
            List<Member> ranked = ranked(refreshed());
            Phenotype<IntegerGene, Standing> a = tournament(ranked);
            Phenotype<IntegerGene, Standing> b = tournament(ranked);
            // Jenetics' alterers draw from its registry: this strategy's own generator, so that a run is reproducible.
            Genotype<IntegerGene> child = RandomRegistry.with(random, r -> alterer.alter(ISeq.of(a, b), generations)
                    .population().get(0).genotype());
            return Optional.of(run.proposal(child));
        }

        /** A result (null when the evaluator cut it): it joins the population, and the one ranked last leaves. */
        void measured(Proposal p, Standing standing) {
            if (standing == null) {
                return;
            }
            if (members.stream().noneMatch(m -> m.proposal().id().equals(p.id()))) {
                members.add(member(p, standing));
                if (members.size() > size) {
                    List<Member> ranked = ranked(refreshed());
                    members.remove(ranked.get(ranked.size() - 1));
                }
            }
            if (++sinceRecorded == size) {
                record();
            }
        }

        /** Records the generation the last results made, if they made one since the last recorded. */
        void finish() {
            if (sinceRecorded > 0 && !stopped) {
                record();
            }
        }

        private void record() {
            generations++;
            sinceRecorded = 0;
            List<Member> now = refreshed();
            run.measurer().breedingFrom(now.stream().map(m -> m.proposal().id()).collect(Collectors.toSet()));
            if (!generation.test(new Generation(generations, now.stream().map(m -> m.proposal().genome()).toList(),
                    now.stream().map(m -> m.phenotype().fitness()).toList()))) {
                stopped = true;
            } else {
                run.progress().generation((int) generations + 1, size);
            }
        }

        /** The members with the standing each has now: a promotion to a higher rung raises it. */
        private List<Member> refreshed() {
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                Standing now = run.measurer().known().get(m.proposal().id());
                if (now != null && !now.equals(m.phenotype().fitness())) {
                    members.set(i, member(m.proposal(), now));
                }
            }
            return members;
        }

        /** The members best first. */
        private List<Member> ranked(List<Member> population) {
            ISeq<Phenotype<IntegerGene, Standing>> phenotypes = population.stream().map(Member::phenotype)
                    .collect(ISeq.toISeq());
            List<Phenotype<IntegerGene, Standing>> order = multiObjective
                    ? nsga2.select(phenotypes, phenotypes.size(), Optimize.MAXIMUM).asList()
                    : phenotypes.stream().sorted((x, y) -> y.fitness().compareTo(x.fitness())).toList();
            return order.stream().map(ph -> population.stream().filter(m -> m.phenotype() == ph).findFirst()
                    .orElseThrow()).toList();
        }

        /** The better-ranked of two members drawn at random. */
        private Phenotype<IntegerGene, Standing> tournament(List<Member> ranked) {
            return ranked.get(Math.min(random.nextInt(ranked.size()), random.nextInt(ranked.size()))).phenotype();
        }

        private Member member(Proposal p, Standing standing) {
            return new Member(p, Phenotype.of(run.codec().encode(p.genome()), generations, standing));
        }
    }
}
