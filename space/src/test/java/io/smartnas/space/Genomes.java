package io.smartnas.space;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/** jqwik generators of genomes and configs, shared with the modules that must hold for every SmartNet. */
public final class Genomes {
    /** A small Fashion-MNIST space: every rule is exercised, and every network builds in milliseconds. */
    public static final SpaceBounds SMALL = SpaceBounds.fashionMnist(4, 3).withBases(List.of(0, 1, 2));
    /** A colour space at 32x32, where the grid has four levels. */
    public static final SpaceBounds COLOUR = new SpaceBounds(4, 3, List.of(8, 16), List.of(4, 8, 12),
            new InputShape(3, 32, 32), 5, 4, List.of(0, 1, 2, 3));

    private Genomes() {
    }

    /** Genomes of {@code space}, every gene drawn from its range. */
    public static Arbitrary<Genome> of(SearchSpace space) {
        SpaceBounds b = space.bounds();
        Arbitrary<Integer> size = Arbitraries.integers().between(1, b.maxSize());
        Arbitrary<Integer> base = Arbitraries.integers().between(0, b.bases().size() - 1);
        Arbitrary<Integer> stem = Arbitraries.integers().between(0, b.stemWidths().size() - 1);
        Arbitrary<List<Integer>> growth = Arbitraries.integers().between(0, b.growthRates().size() - 1).list()
                .ofSize(b.maxSize());
        Arbitrary<List<Integer>> depth = Arbitraries.integers().between(0, b.maxDepth()).list().ofSize(b.maxCells());
        Arbitrary<List<Boolean>> mask = Arbitraries.of(true, false).list().ofSize(space.maskLength());
        return Combinators.combine(size, base, stem, growth, depth, mask).as(Genome::new);
    }

    /** Configs decoded from genomes of {@code space}. */
    public static Arbitrary<SmartNetConfig> configs(SearchSpace space) {
        return of(space).map(space::decode);
    }
}
