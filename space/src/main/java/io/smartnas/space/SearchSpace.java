package io.smartnas.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The SmartNet space within some {@link SpaceBounds}: decodes genomes to configs, encodes configs back, draws random
 * genomes and gives their canonical form. Immutable and thread-safe.
 */
public final class SearchSpace {
    private final SpaceBounds bounds;
    private final int[] maskOffsets;

    public SearchSpace(SpaceBounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        int cells = bounds.maxCells();
        maskOffsets = new int[cells + 1];
        for (int i = 0; i < cells; i++) {
            maskOffsets[i + 1] = maskOffsets[i] + Grid.connectableSlots(i).size();
        }
    }

    public SpaceBounds bounds() {
        return bounds;
    }

    /** Smart Connection bits of a genome of this space. */
    public int maskLength() {
        return maskOffsets[maskOffsets.length - 1];
    }

    /** Position in the genome's mask of the bit for the {@code k}-th connectable slot of cell {@code index}. */
    public int maskPosition(int index, int k) {
        return maskOffsets[index] + k;
    }

    /**
     * The network a genome expresses. The config states every Smart Connection whose bit is set, active or not; its
     * {@link SmartNetConfig#canonical()} form drops the inactive ones.
     *
     * @throws IllegalArgumentException if a gene is outside this space's bounds
     */
    public SmartNetConfig decode(Genome genome) {
        check(genome);
        int size = genome.size();
        List<Integer> growth = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            growth.add(bounds.growthRates().get(genome.growth().get(r)));
        }
        List<Cell> cells = new ArrayList<>(Grid.cellCount(size));
        for (int i = 0; i < Grid.cellCount(size); i++) {
            List<Integer> connectable = Grid.connectableSlots(i);
            List<Integer> from = new ArrayList<>();
            for (int k = 0; k < connectable.size(); k++) {
                if (genome.mask().get(maskPosition(i, k))) {
                    from.add(connectable.get(k));
                }
            }
            cells.add(new Cell(Grid.row(i), Grid.col(i), genome.depth().get(i), from));
        }
        return new SmartNetConfig(bounds.input(), bounds.classes(), bounds.stemWidths().get(genome.stem()),
                bounds.bottleneck(), size, growth, cells, bounds.bases().get(genome.base()));
    }

    /**
     * The genome of a config; genes the config does not reach (rows, cells and bits beyond its size) are 0, and so is
     * the growth gene of a row whose growth is 0.
     *
     * @throws InvalidInputException if the config lies outside this space (task, size, depth, stem or growth)
     */
    public Genome encode(SmartNetConfig config) {
        if (!config.input().equals(bounds.input()) || config.classes() != bounds.classes()
                || config.bottleneck() != bounds.bottleneck()) {
            throw new InvalidInputException("config is for another task (input " + config.input() + ", "
                    + config.classes() + " classes, bottleneck " + config.bottleneck() + ") than this space");
        }
        if (config.size() > bounds.maxSize()) {
            throw new InvalidInputException("config size " + config.size() + " exceeds max size " + bounds.maxSize());
        }
        List<Integer> growth = new ArrayList<>(bounds.maxSize());
        for (int r = 0; r < bounds.maxSize(); r++) {
            int k = r < config.size() ? config.growth().get(r) : 0;
            growth.add(k == 0 ? 0 : choice("growth rate", bounds.growthRates(), k));
        }
        List<Integer> depth = new ArrayList<>(bounds.maxCells());
        List<Boolean> mask = new ArrayList<>(maskLength());
        for (int i = 0; i < bounds.maxCells(); i++) {
            Cell cell = i < config.cells().size() ? config.cells().get(i) : null;
            int d = cell == null ? 0 : cell.depth();
            if (d > bounds.maxDepth()) {
                throw new InvalidInputException(
                        "cell " + i + " depth " + d + " exceeds max depth " + bounds.maxDepth());
            }
            depth.add(d);
            for (int slot : Grid.connectableSlots(i)) {
                mask.add(cell != null && cell.from().contains(slot));
            }
        }
        return new Genome(config.size(), choice("base", bounds.bases(), config.base()),
                choice("stem width", bounds.stemWidths(), config.stem()), growth, depth, mask);
    }

    private static int choice(String name, List<Integer> choices, int value) {
        int index = choices.indexOf(value);
        if (index < 0) {
            throw new InvalidInputException(name + " " + value + " is not one of " + choices);
        }
        return index;
    }

    /** The genome with every inactive gene set to 0: equal for genomes that express the same network. */
    public Genome canonical(Genome genome) {
        return encode(decode(genome).canonical());
    }

    /**
     * A genome drawn uniformly gene by gene (each Smart Connection bit with probability one half). The base is drawn
     * last, and only when the space offers more than one, so that a space of full-resolution networks draws the same
     * genomes from a seed as before the gene existed.
     */
    public Genome random(Random random) {
        List<Integer> growth = new ArrayList<>(bounds.maxSize());
        for (int r = 0; r < bounds.maxSize(); r++) {
            growth.add(random.nextInt(bounds.growthRates().size()));
        }
        List<Integer> depth = new ArrayList<>(bounds.maxCells());
        for (int i = 0; i < bounds.maxCells(); i++) {
            depth.add(random.nextInt(bounds.maxDepth() + 1));
        }
        List<Boolean> mask = new ArrayList<>(maskLength());
        for (int b = 0; b < maskLength(); b++) {
            mask.add(random.nextBoolean());
        }
        int size = 1 + random.nextInt(bounds.maxSize());
        int stem = random.nextInt(bounds.stemWidths().size());
        int base = bounds.bases().size() > 1 ? random.nextInt(bounds.bases().size()) : 0;
        return new Genome(size, base, stem, growth, depth, mask);
    }

    /** @throws IllegalArgumentException naming the first gene outside this space's bounds */
    public void check(Genome genome) {
        requireRange("size", genome.size(), 1, bounds.maxSize());
        requireRange("base", genome.base(), 0, bounds.bases().size() - 1);
        requireRange("stem", genome.stem(), 0, bounds.stemWidths().size() - 1);
        requireLength("growth", genome.growth().size(), bounds.maxSize());
        requireLength("depth", genome.depth().size(), bounds.maxCells());
        requireLength("mask", genome.mask().size(), maskLength());
        for (int r = 0; r < bounds.maxSize(); r++) {
            requireRange("growth[" + r + "]", genome.growth().get(r), 0, bounds.growthRates().size() - 1);
        }
        for (int i = 0; i < bounds.maxCells(); i++) {
            requireRange("depth[" + i + "]", genome.depth().get(i), 0, bounds.maxDepth());
        }
    }

    private static void requireRange(String gene, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("gene " + gene + " = " + value + " is outside " + min + ".." + max);
        }
    }

    private static void requireLength(String gene, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("gene " + gene + " has " + length + " entries, expected " + expected);
        }
    }
}
