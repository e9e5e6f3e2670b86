package io.smartnas.space;

import io.smartnas.space.config.ConfigFile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GenomePropertiesTest {
    private final SearchSpace small = new SearchSpace(Genomes.SMALL);
    private final SearchSpace colour = new SearchSpace(Genomes.COLOUR);

    @Provide
    Arbitrary<Genome> smallGenomes() {
        return Genomes.of(small);
    }

    @Provide
    Arbitrary<Genome> colourGenomes() {
        return Genomes.of(colour);
    }

    @Property
    void everyGenomeDecodesToAValidConfigOfItsSize(@ForAll("smallGenomes") Genome genome) {
        SmartNetConfig config = small.decode(genome);
        assertEquals(genome.size(), config.size());
        assertEquals(Grid.cellCount(genome.size()), config.cells().size());
    }

    @Property
    void canonicalFormIsIdempotentAndKeepsTheId(@ForAll("colourGenomes") Genome genome) {
        Genome canonical = colour.canonical(genome);
        assertEquals(canonical, colour.canonical(canonical));
        assertEquals(colour.decode(genome).id(), colour.decode(canonical).id());
    }

    @Property(tries = 300)
    void theIdChangesExactlyWhenTheBuiltNetworkChanges(@ForAll("smallGenomes") Genome genome,
                                                      @ForAll("geneChoices") int choice,
                                                      @ForAll("geneChoices") int value) {
        Genome mutant = mutate(small, genome, choice, value);
        SmartNetConfig before = small.decode(genome);
        SmartNetConfig after = small.decode(mutant);
        boolean sameNetwork = Objects.equals(built(before), built(after));
        assertEquals(sameNetwork, before.id().equals(after.id()),
                () -> "same network " + sameNetwork + "\n" + before + "\n" + after);
    }

    @Provide
    Arbitrary<Integer> geneChoices() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Property
    void configFilesRoundTripExactly(@ForAll("colourGenomes") Genome genome) {
        SmartNetConfig config = colour.decode(genome);
        String text = ConfigFile.write(config);
        assertEquals(config, ConfigFile.parse(text));
        assertEquals(text, ConfigFile.write(ConfigFile.parse(text)));
    }

    @Property
    void encodingInvertsDecodingOnCanonicalGenomes(@ForAll("smallGenomes") Genome genome) {
        Genome canonical = small.canonical(genome);
        assertEquals(canonical, small.encode(small.decode(canonical).canonical()));
    }

    /** Sets one gene of the genome, chosen by {@code choice}, to a value in its range chosen by {@code value}. */
    private static Genome mutate(SearchSpace space, Genome genome, int choice, int value) {
        SpaceBounds b = space.bounds();
        int genes = 3 + b.maxSize() + b.maxCells() + space.maskLength();
        int gene = choice % genes;
        List<Integer> growth = new ArrayList<>(genome.growth());
        List<Integer> depth = new ArrayList<>(genome.depth());
        List<Boolean> mask = new ArrayList<>(genome.mask());
        int size = genome.size();
        int stem = genome.stem();
        int base = genome.base();
        if (gene == genes - 1) {
            base = value % b.bases().size();
        } else if (gene == 0) {
            size = 1 + value % b.maxSize();
        } else if (gene == 1) {
            stem = value % b.stemWidths().size();
        } else if (gene < 2 + b.maxSize()) {
            growth.set(gene - 2, value % b.growthRates().size());
        } else if (gene < 2 + b.maxSize() + b.maxCells()) {
            depth.set(gene - 2 - b.maxSize(), value % (b.maxDepth() + 1));
        } else {
            int bit = gene - 2 - b.maxSize() - b.maxCells();
            mask.set(bit, !mask.get(bit));
        }
        return new Genome(size, base, stem, growth, depth, mask);
    }

    /**
     * What the evaluator builds from a config, written independently of the canonical form: the stem, and per cell
     * its depth, its growth when it has layers, and its view when the view is used (a block, or an exit).
     */
    private static List<Object> built(SmartNetConfig config) {
        List<Object> parts = new ArrayList<>();
        parts.add(config.input());
        parts.add(config.classes());
        parts.add(config.stem());
        parts.add(config.base());
        parts.add(config.size());
        for (Cell cell : config.cells()) {
            parts.add(cell.depth());
            parts.add(cell.pruned() ? 0 : config.growth().get(cell.row()));
            parts.add(cell.pruned() && !cell.diagonal() ? List.of() : config.view(cell.index()));
        }
        return parts;
    }
}
