package io.smartnas.app;

import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SpaceBounds;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A search of a supernet stays within the supernet's space: every network it may propose is a sub-network. */
class SupernetJobTest {
    private static final InputShape SHAPE = new InputShape(1, 28, 28);
    private static final SpaceBounds SUPERNET = new SpaceBounds(3, 3, List.of(8, 16), List.of(4, 8, 16), SHAPE, 10,
            4, List.of(0, 1));

    private static void outside(SpaceBounds search, String why) {
        String message = assertThrows(InvalidInputException.class,
                () -> SupernetJob.requireWithin(search, SUPERNET, Path.of("s"))).getMessage();
        assertTrue(message.contains(why), message);
    }

    @Test
    void aNarrowerSpaceIsWithinAndEveryWiderGeneIsNamed() {
        assertDoesNotThrow(() -> SupernetJob.requireWithin(new SpaceBounds(2, 1, List.of(8), List.of(4, 16), SHAPE,
                10, 4, List.of(1)), SUPERNET, Path.of("s")));
        outside(new SpaceBounds(4, 3, List.of(8), List.of(4), SHAPE, 10, 4, List.of(0)), "max size 4");
        outside(new SpaceBounds(3, 3, List.of(8, 24), List.of(4), SHAPE, 10, 4, List.of(0)), "stem widths [8, 24]");
        outside(new SpaceBounds(3, 3, List.of(8), List.of(32), SHAPE, 10, 4, List.of(0)), "growth rates [32]");
        outside(new SpaceBounds(3, 3, List.of(8), List.of(4), SHAPE, 10, 4, List.of(2)), "bases [2]");
        outside(new SpaceBounds(3, 3, List.of(8), List.of(4), new InputShape(3, 28, 28), 10, 4, List.of(0)),
                "its images are");
    }
}
