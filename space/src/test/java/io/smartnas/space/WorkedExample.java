package io.smartnas.space;

import java.util.List;

/** The specification's worked example: T = 2, stem 16, growth [12, 8], one connection from the stem into (1,1). */
public final class WorkedExample {
    private WorkedExample() {
    }

    public static SmartNetConfig config() {
        return withBase(0);
    }

    /** The same network with the grid's first row at level {@code base} (the specification gives {@code base} 1). */
    public static SmartNetConfig withBase(int base) {
        return new SmartNetConfig(new InputShape(1, 28, 28), 10, 16, 4, 2, List.of(12, 8), List.of(
                new Cell(0, 0, 2, List.of()),
                new Cell(0, 1, 3, List.of()),
                new Cell(1, 1, 1, List.of(0))), base);
    }
}
