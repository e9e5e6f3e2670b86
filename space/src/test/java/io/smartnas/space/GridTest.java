package io.smartnas.space;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GridTest {
    @Test
    void cellsAreNumberedColumnByColumn() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5),
                List.of(Grid.index(0, 0), Grid.index(0, 1), Grid.index(1, 1), Grid.index(0, 2), Grid.index(1, 2),
                        Grid.index(2, 2)));
    }

    @Test
    void rowAndColumnInvertTheIndex() {
        for (int col = 0; col < 8; col++) {
            for (int row = 0; row <= col; row++) {
                int index = Grid.index(row, col);
                assertEquals(row, Grid.row(index));
                assertEquals(col, Grid.col(index));
            }
        }
    }

    @Test
    void structuralInputsAreTheLeftNeighbourAndTheCellAbove() {
        assertEquals(List.of(0), Grid.structuralSlots(0, 0));
        assertEquals(List.of(1), Grid.structuralSlots(0, 1));
        assertEquals(List.of(2), Grid.structuralSlots(1, 1));
        assertEquals(List.of(3, 4), Grid.structuralSlots(1, 2));
    }

    @Test
    void connectableSlotsAreTheEarlierSlotsThatAreNotStructural() {
        assertEquals(List.of(), Grid.connectableSlots(0));
        assertEquals(List.of(0), Grid.connectableSlots(1));
        assertEquals(List.of(0, 1), Grid.connectableSlots(2));
        assertEquals(List.of(0, 1, 2), Grid.connectableSlots(4));
        assertEquals(List.of(0, 1, 2, 3, 4, 6), Grid.connectableSlots(7));
    }

    @Test
    void levelsFollowTheInputSize() {
        assertEquals(2, new InputShape(1, 28, 28).levels());
        assertEquals(3, new InputShape(3, 32, 32).levels());
        assertEquals(0, new InputShape(1, 7, 7).levels());
        assertEquals(3, new InputShape(1, 64, 32).levels());
    }
}
