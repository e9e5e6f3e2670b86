package io.smartnas.search;

import io.jenetics.Alterer;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.engine.EvolutionStream;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.util.ISeq;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.run.GuidedMutation;


/**
 * The genetic strategy on Jenetics. The engine only evolves: measuring is the engine's evaluator, which hands every
 * generation's new candidates to the {@link Measurer} as one batch. Selection is NSGA-II under constrained dominance
 * (a smaller violation of the targets dominates, then Pareto dominance on accuracy, latency and bytes), or a
 * tournament on the total order of {@link Standing} with one objective. The engine runs on the calling thread and
 * draws from Jenetics' random registry, which the search seeds.
 */
final class GeneticStrategy extends GenerationalStrategy {
    private static final double CROSSOVER = 0.6;
    private static final double SWAP = 0.3;
    private static final int TOURNAMENT = 3;

    @Override
    public String label() {
        return "genetic";
    }

    @Override
    EvolutionStream<IntegerGene, Standing> generations(Proposing run) {
        GenomeCodec codec = run.codec();
        SearchSettings settings = run.settings();
        // The engine measures a generation's new phenotypes, all born in that generation, in one or two batches (the
        // first population, then the offspring); the progress shows the generation, not the batch.
        Engine<IntegerGene, Standing> engine = new Engine.Builder<IntegerGene, Standing>(
                phenotypes -> run.measure(phenotypes, phenotypes.stream().filter(p -> !p.isEvaluated())
                        .mapToLong(Phenotype::generation).max().orElse(run.lastGeneration() + 1L)), codec.factory())
                .populationSize(settings.budget().population())
                .optimize(Optimize.MAXIMUM)
                .executor(Runnable::run)
                .selector(selector(settings.objective()))
                .alterers(alterer(run))
                .build();
        // A result is numbered as the start it evolved from: a resumed run evolves the last recorded population into
        // the next generation, and never numbers a result as one already recorded.
        int last = run.lastGeneration();
        EvolutionStart<IntegerGene, Standing> start = run.population().isEmpty() ? EvolutionStart.empty()
                : EvolutionStart.of(run.population().stream().map(g -> Phenotype.<IntegerGene, Standing>of(
                codec.encode(g), last)).collect(ISeq.toISeq()), last + 1L);
        return engine.stream(start);
    }

    private static Selector<IntegerGene, Standing> selector(Objective objective) {
        if (objective == Objective.ACCURACY) {
            return new TournamentSelector<>(TOURNAMENT);
        }
        return nsga2();
    }

    /**
     * NSGA-II under constrained dominance: {@code select(population, n)} gives the best {@code n} by non-domination
     * rank, then crowding distance, best first.
     */
    static NSGA2Selector<IntegerGene, Standing> nsga2() {
        return new NSGA2Selector<>(Standing::dominates, Standing::compare, Standing::distance,
                standing -> Standing.OBJECTIVES);
    }

    /** Uniform crossover and mutation, and guided mutation beside them when the run asks for it. */
    static Alterer<IntegerGene, Standing> alterer(Proposing run) {
        Alterer<IntegerGene, Standing> random = Alterer.<IntegerGene, Standing>of(new UniformCrossover<>(CROSSOVER,
                SWAP), new Mutator<>(mutationRate(run.codec())));
        GuidedMutation guided = run.settings().guided();
        return guided == null ? random : new GuidedMutator(run.codec(), guided, run.measurer()::importance, random);
    }

    /** About one gene changed per genotype. */
    private static double mutationRate(GenomeCodec codec) {
        int genes = codec.factory().newInstance().geneCount();
        return Math.min(0.5, 1.5 / genes);
    }
}
