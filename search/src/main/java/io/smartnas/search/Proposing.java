package io.smartnas.search;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import io.smartnas.space.Genome;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.evaluation.Standing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * What a strategy proposes from: the space (through its codec), the measurer, the settings, and where the run stands
 * (the population recorded last and its generation, both empty and 0 for a new run).
 */
record Proposing(GenomeCodec codec, Measurer measurer, SearchSettings settings, List<Genome> population,
                 int lastGeneration, SearchProgress progress) implements SearchRun {
    @Override
    public SearchSpace space() {
        return codec.space();
    }

    @Override
    public List<Standing> measure(List<Genome> candidates, long generation) {
        List<Proposal> proposals = candidates.stream().map(g -> Proposals.of(codec.space(), g)).toList();
        progress.generation((int) generation, proposals.size());
        return measurer.measure(proposals, proposals.stream().map(Proposal::id).collect(Collectors.toSet()));
    }

    /** A Jenetics generation as the search receives it. */
    Generation generation(EvolutionResult<IntegerGene, Standing> result) {
        return new Generation(result.generation(), result.population().stream().map(p -> codec.decode(p.genotype()))
                .toList(), result.population().stream().map(Phenotype::fitness).toList());
    }

    /**
     * Runs {@code search} with Jenetics' random registry seeded from the run's seed and the generation it starts
     * after, so that a resumed run draws what the killed one would have.
     */
    void seeded(Runnable search) {
        RandomRegistry.with(new Random(settings.seed() * 1_000_003L + lastGeneration), random -> {
            search.run();
            return null;
        });
    }

    /** The candidate a genotype decodes to. */
    Proposal proposal(Genotype<IntegerGene> genotype) {
        return Proposals.of(codec.space(), codec.decode(genotype));
    }

    /**
     * The population with every phenotype that has no fitness yet measured, as one batch; a phenotype measured
     * before takes its candidate's standing now, which a promotion to a higher rung may have raised.
     */
    ISeq<Phenotype<IntegerGene, Standing>> measure(Seq<Phenotype<IntegerGene, Standing>> phenotypes, long generation) {
        List<Integer> todo = new ArrayList<>();
        List<Proposal> proposals = new ArrayList<>();
        List<Proposal> all = new ArrayList<>();
        for (int i = 0; i < phenotypes.size(); i++) {
            Proposal p = proposal(phenotypes.get(i).genotype());
            all.add(p);
            if (!phenotypes.get(i).isEvaluated()) {
                todo.add(i);
                proposals.add(p);
            }
        }
        progress.generation((int) generation, proposals.size());
        List<Standing> measured = measurer.measure(proposals, all.stream().map(Proposal::id)
                .collect(Collectors.toSet()));
        List<Phenotype<IntegerGene, Standing>> evaluated = new ArrayList<>(phenotypes.asList());
        for (int k = 0; k < todo.size(); k++) {
            evaluated.set(todo.get(k), phenotypes.get(todo.get(k)).withFitness(measured.get(k)));
        }
        for (int i = 0; i < evaluated.size(); i++) {
            Standing now = measurer.known().get(all.get(i).id());
            if (now != null && evaluated.get(i).isEvaluated() && !now.equals(evaluated.get(i).fitness())) {
                evaluated.set(i, evaluated.get(i).withFitness(now));
            }
        }
        return ISeq.of(evaluated);
    }
}
