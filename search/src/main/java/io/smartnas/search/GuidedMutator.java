package io.smartnas.search;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.importance.Pruning;
import io.smartnas.space.run.GuidedMutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Guided mutation beside the usual alterers: with probability {@code share}, an offspring whose parent's trained
 * network said what it used becomes that parent without the {@code drop} share of its Smart Connections and layers it
 * used least ({@link Pruning#leastUsed}); every other offspring goes through {@code otherwise}
 * (crossover and random mutation). Structural inputs are never taken out: they are no genes. A pruned child keeps the
 * leading columns its parent's pruning left alone, so it may inherit them as any child does.
 */
final class GuidedMutator implements Alterer<IntegerGene, Standing> {
    private final GenomeCodec codec;
    private final GuidedMutation guided;
    private final Function<String, Optional<Importance>> importance;
    private final Alterer<IntegerGene, Standing> otherwise;

    /** @param importance what a candidate's trained network used, by config id, when known */
    GuidedMutator(GenomeCodec codec, GuidedMutation guided, Function<String, Optional<Importance>> importance,
                  Alterer<IntegerGene, Standing> otherwise) {
        this.codec = codec;
        this.guided = guided;
        this.importance = importance;
        this.otherwise = otherwise;
    }

    @Override
    public AltererResult<IntegerGene, Standing> alter(Seq<Phenotype<IntegerGene, Standing>> population,
                                                      long generation) {
        RandomGenerator random = RandomRegistry.random();
        List<Phenotype<IntegerGene, Standing>> result = new ArrayList<>(population.asList());
        List<Integer> rest = new ArrayList<>();
        int pruned = 0;
        for (int i = 0; i < population.size(); i++) {
            Phenotype<IntegerGene, Standing> parent = population.get(i);
            Proposal proposal = Proposals.of(codec.space(), codec.decode(parent.genotype()));
            Optional<Importance> used = random.nextDouble() < guided.share() ? importance.apply(proposal.id())
                    : Optional.empty();
            SmartNetConfig child = used.map(u -> Pruning.leastUsed(proposal.config(), u, guided.drop()).config())
                    .orElse(null);
            if (child == null || child.equals(proposal.config())) {
                rest.add(i);
                continue;
            }
            result.set(i, Phenotype.of(codec.encode(codec.space().encode(child)), generation));
            pruned++;
        }
        AltererResult<IntegerGene, Standing> others = otherwise.alter(rest.stream().map(population::get)
                .collect(ISeq.toISeq()), generation);
        for (int k = 0; k < rest.size(); k++) {
            result.set(rest.get(k), others.population().get(k));
        }
        return new AltererResult<>(ISeq.of(result), others.alterations() + pruned);
    }
}
