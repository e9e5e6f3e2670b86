package io.smartnas.space;

import java.util.List;

/**
 * One cell of the triangle as a config states it: its Smart Block's depth (0 = pruned, the slot stays empty) and the
 * slots it reads through Smart Connections ({@code from}, sorted; structural inputs are implied, never listed).
 * Rules that need the rest of the config are checked by {@link SmartNetConfig}.
 */
public record Cell(int row, int col, int depth, List<Integer> from) {
    public Cell {
        from = List.copyOf(from);
    }

    /** Index of this cell in cell order. */
    public int index() {
        return Grid.index(row, col);
    }

    /** Slot holding this cell's feature maps. */
    public int slot() {
        return Grid.slot(index());
    }

    /** Whether this cell carries an exit (column {@code col} ends here). */
    public boolean diagonal() {
        return row == col;
    }

    /** Whether the Smart Block is pruned (depth 0). */
    public boolean pruned() {
        return depth == 0;
    }
}
