package io.smartnas.space;

import java.util.HashSet;
import java.util.List;

/**
 * The bounds of a search space: the largest triangle and Smart Block, the stem widths and growth rates a genome
 * chooses from, and the task (input shape, classes) every network of the space is built for.
 *
 * @param maxSize     Tmax, the most exits (rows and columns of the triangle), at least 1
 * @param maxDepth    Dmax, the most layers of one Smart Block, at least 1
 * @param stemWidths  channels the stem may have, positive and distinct
 * @param growthRates growth rates a row may have, positive and distinct
 * @param input       shape of one input image
 * @param classes     classes of the task, at least 2
 * @param bottleneck  factor of the 1x1 convolution, at least 1
 * @param bases       resolution levels the grid's first row may run at, distinct, each 0..{@code input.levels()}
 */
public record SpaceBounds(int maxSize, int maxDepth, List<Integer> stemWidths, List<Integer> growthRates,
                          InputShape input, int classes, int bottleneck, List<Integer> bases) {
    /** Bases of the specification's default space: full resolution only, as before the gene existed. */
    public static final List<Integer> DEFAULT_BASES = List.of(0);

    /** Stem widths of the specification's default space. */
    public static final List<Integer> DEFAULT_STEM_WIDTHS = List.of(8, 16, 24, 32);
    /** Growth rates of the specification's default space. */
    public static final List<Integer> DEFAULT_GROWTH_RATES = List.of(4, 8, 12, 16, 24, 32);

    public SpaceBounds {
        stemWidths = List.copyOf(stemWidths);
        growthRates = List.copyOf(growthRates);
        bases = List.copyOf(bases);
        if (maxSize < 1 || maxSize > SmartNetConfig.MAX_SIZE) {
            throw new InvalidInputException("max size must be 1.." + SmartNetConfig.MAX_SIZE + ", got " + maxSize);
        }
        if (maxDepth < 1 || maxDepth > SmartNetConfig.MAX_DEPTH) {
            throw new InvalidInputException("max depth must be 1.." + SmartNetConfig.MAX_DEPTH + ", got " + maxDepth);
        }
        checkChoices("stem widths", stemWidths, SmartNetConfig.MAX_STEM);
        checkChoices("growth rates", growthRates, SmartNetConfig.MAX_GROWTH);
        if (classes < 2 || classes > SmartNetConfig.MAX_CLASSES) {
            throw new InvalidInputException("classes must be 2.." + SmartNetConfig.MAX_CLASSES + ", got " + classes);
        }
        if (bottleneck < 1 || bottleneck > SmartNetConfig.MAX_BOTTLENECK) {
            throw new InvalidInputException("bottleneck must be 1.." + SmartNetConfig.MAX_BOTTLENECK + ", got "
                    + bottleneck);
        }
        if (bases.isEmpty() || bases.stream().anyMatch(b -> b == null || b < 0 || b > input.levels())
                || new HashSet<>(bases).size() != bases.size()) {
            throw new InvalidInputException("bases must be distinct resolution levels from 0 to " + input.levels()
                    + " (the levels of a " + input.height() + "x" + input.width() + " input), got " + bases);
        }
    }

    /** A space of full-resolution networks only ({@link #DEFAULT_BASES}). */
    public SpaceBounds(int maxSize, int maxDepth, List<Integer> stemWidths, List<Integer> growthRates,
                       InputShape input, int classes, int bottleneck) {
        this(maxSize, maxDepth, stemWidths, growthRates, input, classes, bottleneck, DEFAULT_BASES);
    }

    /** These bounds with the grid's first row at one of {@code choices} instead. */
    public SpaceBounds withBases(List<Integer> choices) {
        return new SpaceBounds(maxSize, maxDepth, stemWidths, growthRates, input, classes, bottleneck, choices);
    }

    private static void checkChoices(String name, List<Integer> choices, int bound) {
        if (choices.isEmpty() || choices.stream().anyMatch(c -> c == null || c < 1 || c > bound)
                || new HashSet<>(choices).size() != choices.size()) {
            throw new InvalidInputException(name + " must be distinct numbers from 1 to " + bound + ", got "
                    + choices);
        }
    }

    /** Fashion-MNIST (1x28x28, 10 classes) with up to {@code maxSize} exits and {@code maxDepth} layers per block. */
    public static SpaceBounds fashionMnist(int maxSize, int maxDepth) {
        return new SpaceBounds(maxSize, maxDepth, DEFAULT_STEM_WIDTHS, DEFAULT_GROWTH_RATES,
                new InputShape(1, 28, 28), 10, SmartNetConfig.DEFAULT_BOTTLENECK);
    }

    /** Cells of the largest triangle: the length of the genome's depth genes. */
    public int maxCells() {
        return Grid.cellCount(maxSize);
    }
}
