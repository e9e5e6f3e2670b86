package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.supernet.SpaceNetworks;
import io.smartnas.space.supernet.SubnetChannels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A sub-network cut from a supernet carries the supernet's parameters at its channels, and computes as it did. */
// With the slow tests, in their JVM: in the unit tests' JVM, these supernet tests together changed what
// ConvolutionNanTest's probe finds in libtorch's allocator (0 of 200 tries leaked NaN), as SandwichTest did.
@Tag("slow")
class ExtractionTest {
    /** Three exits, stem 8, growth 8, two layers a cell, every Smart Connection. */
    private static final SmartNetConfig SUPERNET = largest();

    /** The largest network of a space of three exits, two layers a block, stem 8 and growth 8. */
    private static SmartNetConfig largest() {
        return SpaceNetworks.largest(new SpaceBounds(3, 2, List.of(8), List.of(8), new InputShape(1, 8, 8), 4, 4));
    }

    @Test
    void theSupernetCutToItselfComputesExactlyAsItDoes() {
        compareExits(SUPERNET, 3);
    }

    /** The first exits of a SmartNet never read later columns: cut to two exits, they answer as in the supernet. */
    @Test
    void itsFirstTwoExitsCutAloneAnswerExactlyAsInTheSupernet() {
        compareExits(SUPERNET.prefix(2), 2);
    }

    /**
     * A narrower, shallower sub-network with fewer connections: it builds and runs with the parameters cut for it
     * (every map fits the shapes its layers have), and they are the supernet's at the channels the map names.
     */
    @Test
    void aSmallerSubNetworkTakesTheSupernetsParametersAtItsChannels() {
        SmartNetConfig sub = new SmartNetConfig(new InputShape(1, 8, 8), 4, 4, 4, 2, List.of(4, 8),
                List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 0, List.of()), new Cell(1, 1, 2, List.of(1))));
        SubnetChannels channels = SubnetChannels.of(SUPERNET, sub);
        try (SmartNetModel big = SmartNetModel.create(SUPERNET, Device.cpu(), 1);
             SmartNetModel small = SmartNetModel.create(sub, Device.cpu(), 2)) {
            Extraction.transplant(big.block(), channels, small.block());
            float[] bigStem = big.block().stem().getParameters().get("weight").getArray().toFloatArray();
            float[] smallStem = small.block().stem().getParameters().get("weight").getArray().toFloatArray();
            assertArrayEquals(Arrays.copyOf(bigStem, 4 * 9), smallStem, "the stem's first 4 filters");
            NDArray bigHead = big.block().head(1).getChildren().get(3).getValue().getParameters().get("weight")
                    .getArray();
            NDArray smallHead = small.block().head(1).getChildren().get(3).getValue().getParameters().get("weight")
                    .getArray();
            int[] exit = channels.exit(1);
            for (int c = 0; c < exit.length; c++) {
                assertEquals(bigHead.getFloat(0, exit[c]), smallHead.getFloat(0, c), "exit 1's input " + c);
            }
            NDList logits = run(small, sub.size());
            assertEquals(new Shape(2, 4), logits.get(1).getShape());
        }
    }

    private static void compareExits(SmartNetConfig sub, int exits) {
        try (SmartNetModel big = SmartNetModel.create(SUPERNET, Device.cpu(), 1);
             SmartNetModel small = SmartNetModel.create(sub, Device.cpu(), 2)) {
            Extraction.transplant(big.block(), SubnetChannels.of(SUPERNET, sub), small.block());
            NDList expected = run(big, exits);
            NDList actual = run(small, exits);
            for (int e = 0; e < exits; e++) {
                assertArrayEquals(expected.get(e).toFloatArray(), actual.get(e).toFloatArray(), 1e-5f, "exit " + e);
            }
        }
    }

    /** Logits of the first {@code exits} exits, in inference mode, for two fixed images. */
    private static NDList run(SmartNetModel model, int exits) {
        NDManager manager = model.model().getNDManager();
        NDArray images = manager.arange(2 * 64).reshape(2, 1, 8, 8).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .div(128f).sin();
        NDList logits = model.block().forward(new ParameterStore(manager, false), images, false, exits, 0);
        NDList copy = new NDList();
        logits.forEach(l -> copy.add(l.duplicate()));
        return copy;
    }
}
