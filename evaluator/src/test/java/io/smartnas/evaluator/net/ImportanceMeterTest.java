package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.TorchRuntime;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.importance.Importance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportanceMeterTest {
    /** Three exits on 8x8 images; cell (2,2) reads slot 3 (cell (1,1)) through a Smart Connection. */
    private static final SmartNetConfig CONFIG = new SmartNetConfig(new InputShape(1, 8, 8), 4, 8, 4, 3,
            List.of(4, 4, 4), List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()),
            new Cell(1, 1, 1, List.of(0)), new Cell(0, 2, 1, List.of()), new Cell(1, 2, 1, List.of()),
            new Cell(2, 2, 1, List.of(3))));

    @Test
    void aSlotThatIsZeroForEveryImageIsUsedByNoReaderAndItsLayerByNone() {
        TorchRuntime.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            SmartNetBlock net = new SmartNetBlock(CONFIG);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            // Cell (1,1)'s only layer ends in a 3x3 convolution (child 5): with zero weights, slot 3 is 0 everywhere.
            // Its readers, cell (1,2), cell (2,2) and exit 1, all have another input that varies.
            net.cell(2).layers().get(0).getChildren().get(5).getValue().getParameters().get("weight").getArray()
                    .muli(0);
            Importance importance = ImportanceMeter.of(net, new ParameterStore(manager, false),
                    manager.randomNormal(new Shape(64, 1, 8, 8)));

            for (Importance.Connection c : importance.connections()) {
                if (c.from() == 3) {
                    assertEquals(0, c.value(), 1e-9, "a zero slot passes nothing on: " + c);
                } else {
                    assertTrue(c.value() > 0.1, "an input that varies is used: " + c);
                }
            }
            Importance.Connection least = importance.connections().stream().filter(c -> !c.structural())
                    .min(java.util.Comparator.comparingDouble(Importance.Connection::value)).orElseThrow();
            assertEquals(5, least.cell());
            assertEquals(3, least.from());
            for (Importance.Layer l : importance.layers()) {
                if (l.cell() == 2) {
                    assertEquals(0, l.value(), 1e-9, "its output is zero: " + l);
                } else {
                    assertTrue(l.value() > 0.1, l.toString());
                }
            }
            // Every input of every cell, structural ones included, and every layer.
            assertEquals(1 + 1 + 2 + 1 + 2 + 2, importance.connections().size());
            assertEquals(6, importance.layers().size());
        }
    }
}
