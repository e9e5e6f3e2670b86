package io.smartnas.space;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of the upper-triangular grid of cells {@code (r, c)}, {@code 0 <= r <= c}. Cells are numbered in
 * column-major cell order, {@code index(r, c) = c(c+1)/2 + r}; slot 0 holds the stem and slot {@code 1 + index}
 * the feature maps of that cell. None of this depends on the triangle's size, so a cell keeps its index and slot
 * when the triangle grows.
 */
public final class Grid {
    private Grid() {
    }

    /** Cells in a triangle of {@code size} columns. */
    public static int cellCount(int size) {
        return size * (size + 1) / 2;
    }

    /** Index of cell {@code (row, col)} in cell order. */
    public static int index(int row, int col) {
        if (row < 0 || row > col) {
            throw new IllegalArgumentException("not a cell of the triangle: (" + row + ", " + col + ")");
        }
        return col * (col + 1) / 2 + row;
    }

    /** Column of the cell with index {@code index}. */
    public static int col(int index) {
        int col = 0;
        while (cellCount(col + 1) <= index) {
            col++;
        }
        return col;
    }

    /** Row of the cell with index {@code index}. */
    public static int row(int index) {
        return index - cellCount(col(index));
    }

    /** Slot holding the feature maps of the cell with index {@code index}. */
    public static int slot(int index) {
        return 1 + index;
    }

    /**
     * Structural input slots of cell {@code (row, col)}, in slot order: the left neighbour {@code (row, col-1)} when
     * it is in the triangle and the cell above {@code (row-1, col)} when {@code row >= 1}; cell (0,0) reads the stem.
     */
    public static List<Integer> structuralSlots(int row, int col) {
        List<Integer> slots = new ArrayList<>(2);
        if (row == 0 && col == 0) {
            slots.add(0);
            return slots;
        }
        if (col - 1 >= row) {
            slots.add(slot(index(row, col - 1)));
        }
        if (row >= 1) {
            slots.add(slot(index(row - 1, col)));
        }
        slots.sort(null);
        return slots;
    }

    /**
     * Slots that may feed cell {@code index} through a Smart Connection: every earlier slot (the stem included)
     * that is not one of its structural inputs. This is the mask of the genome for that cell.
     */
    public static List<Integer> connectableSlots(int index) {
        List<Integer> structural = structuralSlots(row(index), col(index));
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < slot(index); slot++) {
            if (!structural.contains(slot)) {
                slots.add(slot);
            }
        }
        return slots;
    }
}
