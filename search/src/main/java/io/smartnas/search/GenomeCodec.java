package io.smartnas.search;

import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.Factory;
import io.smartnas.space.Genome;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SpaceBounds;

import java.util.ArrayList;
import java.util.List;

/**
 * Between Jenetics genotypes and SmartNet genomes. A genotype holds one gene type, so every gene is an integer gene:
 * size, stem, growth per row, depth per cell, the Smart Connection bits as 0/1 genes, and the base last, only in a
 * space that offers more than one (so that a space of full-resolution networks evolves as before the gene existed). Each chromosome's range is
 * exactly its gene's range, so every genotype decodes to a valid genome and nothing needs repair. (Jenetics 7's
 * {@code IntegerChromosome.of(min, max, n)} excludes {@code max}.)
 */
final class GenomeCodec {
    private final SearchSpace space;

    GenomeCodec(SearchSpace space) {
        this.space = space;
    }

    SearchSpace space() {
        return space;
    }

    /** Draws genotypes uniformly, gene by gene. */
    Factory<Genotype<IntegerGene>> factory() {
        SpaceBounds b = space.bounds();
        List<IntegerChromosome> chromosomes = new ArrayList<>(List.of(
                IntegerChromosome.of(1, b.maxSize() + 1, 1),
                IntegerChromosome.of(0, b.stemWidths().size(), 1),
                IntegerChromosome.of(0, b.growthRates().size(), b.maxSize()),
                IntegerChromosome.of(0, b.maxDepth() + 1, b.maxCells())));
        if (space.maskLength() > 0) {
            chromosomes.add(IntegerChromosome.of(0, 2, space.maskLength()));
        }
        if (b.bases().size() > 1) {
            chromosomes.add(IntegerChromosome.of(0, b.bases().size(), 1));
        }
        return Genotype.of(chromosomes);
    }

    Genome decode(Genotype<IntegerGene> genotype) {
        List<Boolean> mask = new ArrayList<>(space.maskLength());
        if (space.maskLength() > 0) {
            genotype.get(4).forEach(gene -> mask.add(gene.intValue() == 1));
        }
        int base = space.bounds().bases().size() > 1 ? genotype.get(genotype.length() - 1).gene().intValue() : 0;
        return new Genome(genotype.get(0).gene().intValue(), base, genotype.get(1).gene().intValue(),
                values(genotype.get(2)), values(genotype.get(3)), mask);
    }

    /** The genotype of a genome of this space, for resuming a run from its stored population. */
    Genotype<IntegerGene> encode(Genome genome) {
        space.check(genome);
        SpaceBounds b = space.bounds();
        List<IntegerChromosome> chromosomes = new ArrayList<>(List.of(
                chromosome(List.of(genome.size()), 1, b.maxSize() + 1),
                chromosome(List.of(genome.stem()), 0, b.stemWidths().size()),
                chromosome(genome.growth(), 0, b.growthRates().size()),
                chromosome(genome.depth(), 0, b.maxDepth() + 1)));
        if (space.maskLength() > 0) {
            chromosomes.add(chromosome(genome.mask().stream().map(bit -> bit ? 1 : 0).toList(), 0, 2));
        }
        if (b.bases().size() > 1) {
            chromosomes.add(chromosome(List.of(genome.base()), 0, b.bases().size()));
        }
        return Genotype.of(chromosomes);
    }

    private static IntegerChromosome chromosome(List<Integer> values, int min, int maxExclusive) {
        return IntegerChromosome.of(values.stream().map(v -> IntegerGene.of(v, min, maxExclusive))
                .toArray(IntegerGene[]::new));
    }

    private static List<Integer> values(Chromosome<IntegerGene> chromosome) {
        List<Integer> values = new ArrayList<>(chromosome.length());
        chromosome.forEach(gene -> values.add(gene.intValue()));
        return values;
    }
}
