package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.TorchRuntime;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.importance.Pruning;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurgeryTest {
    private static final SmartNetConfig CONFIG = new SmartNetConfig(new InputShape(1, 8, 8), 4, 8, 4, 3,
            List.of(4, 4, 4), List.of(new Cell(0, 0, 2, List.of()), new Cell(0, 1, 1, List.of()),
            new Cell(1, 1, 2, List.of(0)), new Cell(0, 2, 1, List.of()), new Cell(1, 2, 1, List.of()),
            new Cell(2, 2, 2, List.of(1))));

    /** Every input and layer valued 1, but {@code cell}'s Smart Connection from {@code slot}, valued 0. */
    private static Importance allUsedBut(int cell, int slot) {
        List<Importance.Connection> connections = new java.util.ArrayList<>();
        List<Importance.Layer> layers = new java.util.ArrayList<>();
        for (Cell c : CONFIG.cells()) {
            for (int s : CONFIG.view(c.index())) {
                connections.add(new Importance.Connection(c.index(), s, !c.from().contains(s),
                        c.index() == cell && s == slot ? 0 : 1));
            }
            for (int l = 0; l < c.depth(); l++) {
                layers.add(new Importance.Layer(c.index(), l, 1));
            }
        }
        return new Importance(connections, layers);
    }

    /** An initialised network of {@code config}. */
    private static SmartNetBlock network(SmartNetConfig config, NDManager manager) {
        SmartNetBlock net = new SmartNetBlock(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 8, 8));
        return net;
    }

    /** The pruned network with the original's parameters moved into it. */
    private static SmartNetBlock transplanted(SmartNetBlock original, Pruning.Pruned pruned, NDManager manager) {
        SmartNetBlock cut = network(pruned.config(), manager);
        Surgery.transplant(original, pruned, cut);
        return cut;
    }

    private static NDList logits(SmartNetBlock net, NDManager manager, NDArray images) {
        return net.forward(new ParameterStore(manager, false), images, false, net.config().size(), 0);
    }

    @Test
    void takingOutAConnectionThatCarriesOnlyZerosLeavesEveryExitsAnswersAsTheyWere() {
        TorchRuntime.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            SmartNetBlock original = network(CONFIG, manager);
            // Cell (0,0)'s second layer outputs zeros: those channels of slot 1 are 0 for every image, and with batch
            // norm as initialised (mean 0, shift 0) the readers make nothing of them.
            original.cell(0).layers().get(1).getChildren().get(5).getValue().getParameters().get("weight")
                    .getArray().muli(0);
            Pruning.Pruned pruned = Pruning.prune(CONFIG, allUsedBut(5, 1), 1.0);
            assertEquals(List.of(), pruned.config().cells().get(5).from(), "the connection went");
            SmartNetBlock cut = transplanted(original, pruned, manager);

            NDArray images = manager.randomNormal(new Shape(16, 1, 8, 8));
            NDList before = logits(original, manager, images);
            NDList after = logits(cut, manager, images);
            for (int exit = 0; exit < 2; exit++) {
                assertArrayEquals(before.get(exit).toFloatArray(), after.get(exit).toFloatArray(), 1e-5f,
                        "exit " + exit + " does not read the connection");
            }
            // Exit 2 read slot 1, of which half the channels are zero: the other half made a difference.
            float difference = before.get(2).sub(after.get(2)).abs().max().getFloat();
            assertTrue(difference > 1e-4f, "the live half of slot 1 mattered: " + difference);
        }
    }

    @Test
    void withNothingTakenOutTheTransplantedNetworkAnswersExactlyAsTheOriginal() {
        TorchRuntime.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            SmartNetBlock original = network(CONFIG, manager);
            Pruning.Pruned pruned = Pruning.prune(CONFIG, allUsedBut(-1, -1), 1.0);
            assertEquals(CONFIG.canonical(), pruned.config());
            SmartNetBlock copy = transplanted(original, pruned, manager);
            NDArray images = manager.randomNormal(new Shape(8, 1, 8, 8));
            NDList before = logits(original, manager, images);
            NDList after = logits(copy, manager, images);
            for (int exit = 0; exit < 3; exit++) {
                assertArrayEquals(before.get(exit).toFloatArray(), after.get(exit).toFloatArray(), 1e-6f);
            }
        }
    }
}
