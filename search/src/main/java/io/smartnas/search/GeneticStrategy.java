package io.smartnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import io.smartnas.space.Genome;
import io.smartnas.space.evaluation.Standing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The genetic strategy on Jenetics. The engine only evolves: measuring is the engine's evaluator, which hands every
 * generation's new candidates to the {@link Measurer} as one batch; recording each generation and deciding whether to
 * go on is the stream's {@code limit}. Selection is NSGA-II under constrained dominance (a smaller violation of the
 * targets dominates, then Pareto dominance on accuracy, latency and bytes), or a tournament on the total order with
 * one objective.
 * The engine runs on the calling thread with a generator seeded from the run's seed and the generation it starts at.
 */
final class GeneticStrategy {
    private static final double CROSSOVER = 0.6;
    private static final double SWAP = 0.3;
    private static final int TOURNAMENT = 3;

    private GeneticStrategy() {
    }

    static void run(GenomeCodec codec, Measurer measurer, GenerationRecorder recorder, StopRules stop,
                    SearchSettings settings, List<Genome> population, int lastGeneration, SearchProgress progress) {
        AtomicInteger measuring = new AtomicInteger(lastGeneration);
        io.jenetics.engine.Evaluator<IntegerGene, Standing> batch = phenotypes -> measure(codec, measurer, phenotypes,
                measuring.incrementAndGet(), progress);
        Engine<IntegerGene, Standing> engine = new Engine.Builder<>(batch, codec.factory())
                .populationSize(settings.budget().population())
                .optimize(Optimize.MAXIMUM)
                .executor(Runnable::run)
                .selector(selector(settings.objective()))
                .alterers(new UniformCrossover<>(CROSSOVER, SWAP), new Mutator<>(mutationRate(codec)))
                .build();
        // A result is numbered as the start it evolved from: a resumed run evolves the last recorded population into
        // the next generation, and never numbers a result as one already recorded.
        EvolutionStart<IntegerGene, Standing> start = population.isEmpty() ? EvolutionStart.empty()
                : EvolutionStart.of(population.stream().map(g -> Phenotype.<IntegerGene, Standing>of(codec.encode(g),
                lastGeneration)).collect(ISeq.toISeq()), lastGeneration + 1L);
        RandomRegistry.with(new Random(settings.seed() * 1_000_003L + lastGeneration), random -> {
            engine.stream(start)
                    .limit(result -> {
                        int generation = (int) result.generation();
                        recorder.record(generation, result.population().stream()
                                .map(p -> Proposals.of(codec.space(), codec.decode(p.genotype()))).toList());
                        return stop.proceed(generation);
                    })
                    .forEach(result -> { });
            return null;
        });
    }

    private static ISeq<Phenotype<IntegerGene, Standing>> measure(GenomeCodec codec, Measurer measurer,
                                                                 Seq<Phenotype<IntegerGene, Standing>> phenotypes,
                                                                 int generation, SearchProgress progress) {
        List<Integer> todo = new ArrayList<>();
        List<Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < phenotypes.size(); i++) {
            if (!phenotypes.get(i).isEvaluated()) {
                todo.add(i);
                proposals.add(Proposals.of(codec.space(), codec.decode(phenotypes.get(i).genotype())));
            }
        }
        progress.generation(generation, proposals.size());
        List<Standing> fitness = measurer.measure(proposals);
        List<Phenotype<IntegerGene, Standing>> evaluated = new ArrayList<>(phenotypes.asList());
        for (int k = 0; k < todo.size(); k++) {
            evaluated.set(todo.get(k), phenotypes.get(todo.get(k)).withFitness(fitness.get(k)));
        }
        return ISeq.of(evaluated);
    }

    private static Selector<IntegerGene, Standing> selector(Objective objective) {
        if (objective == Objective.ACCURACY) {
            return new TournamentSelector<>(TOURNAMENT);
        }
        return new NSGA2Selector<>(Standing::dominates, Standing::compare, Standing::distance,
                standing -> Standing.OBJECTIVES);
    }

    /** About one gene changed per genotype. */
    private static double mutationRate(GenomeCodec codec) {
        int genes = codec.factory().newInstance().geneCount();
        return Math.min(0.5, 1.5 / genes);
    }
}
