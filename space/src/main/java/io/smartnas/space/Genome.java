package io.smartnas.space;

import java.util.List;

/**
 * The genes of one SmartNet, as the search evolves them. Every gene is a small non-negative integer; what it means
 * depends on the {@link SearchSpace} that decodes it.
 *
 * @param size   T, 1..maxSize
 * @param base   index into the space's bases (resolution levels of the grid's first row)
 * @param stem   index into the stem widths
 * @param growth per row of the largest triangle, an index into the growth rates
 * @param depth  per cell of the largest triangle (cell order), 0..maxDepth; 0 prunes the block
 * @param mask   the Smart Connection bits of every cell, cell by cell in cell order, each cell's bits in the order of
 *               {@link Grid#connectableSlots(int)}
 */
public record Genome(int size, int base, int stem, List<Integer> growth, List<Integer> depth, List<Boolean> mask) {
    public Genome {
        growth = List.copyOf(growth);
        depth = List.copyOf(depth);
        mask = List.copyOf(mask);
    }
}
