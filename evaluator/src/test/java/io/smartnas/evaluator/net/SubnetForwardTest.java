package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.supernet.SpaceNetworks;
import io.smartnas.space.supernet.SubnetChannels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sub-network run on the supernet's parameters computes what the same sub-network cut out of it computes. */
// With the slow tests, in their JVM: in the unit tests' JVM, these supernet tests together changed what
// ConvolutionNanTest's probe finds in libtorch's allocator (0 of 200 tries leaked NaN), as SandwichTest did.
@Tag("slow")
class SubnetForwardTest {
    private static final SmartNetConfig SUPERNET = largest();
    /** Narrower stem and growth, shallower, a pruned cell, one Smart Connection, base 1. */
    private static final SmartNetConfig SMALLER = new SmartNetConfig(new InputShape(1, 8, 8), 4, 4, 4, 2,
            List.of(4, 8), List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 0, List.of()),
            new Cell(1, 1, 2, List.of(1))), 1);

    /** The largest network of a space of three exits, two layers a block, stem 8 and growth 8. */
    private static SmartNetConfig largest() {
        return SpaceNetworks.largest(new SpaceBounds(3, 2, List.of(8), List.of(8), new InputShape(1, 8, 8), 4, 4));
    }

    @Test
    void itComputesWhatTheExtractedSubNetworkComputes() {
        for (SmartNetConfig sub : List.of(SUPERNET, SUPERNET.prefix(2), SMALLER)) {
            try (SmartNetModel big = SmartNetModel.create(SUPERNET, Device.cpu(), 1);
                 SmartNetModel cut = SmartNetModel.create(sub, Device.cpu(), 2)) {
                Extraction.transplant(big.block(), SubnetChannels.of(SUPERNET, sub), cut.block());
                NDManager manager = big.model().getNDManager();
                NDArray images = images(manager);
                NDList shared = new SubnetForward(big.block(), sub).forward(new ParameterStore(manager, false),
                        images, false);
                NDList alone = cut.block().forward(new ParameterStore(cut.model().getNDManager(), false),
                        images(cut.model().getNDManager()), false, sub.size(), 0);
                assertEquals(sub.size(), shared.size());
                for (int e = 0; e < sub.size(); e++) {
                    assertArrayEquals(alone.get(e).toFloatArray(), shared.get(e).toFloatArray(), 1e-5f,
                            sub.id() + " exit " + e);
                }
            }
        }
    }

    /** Training a sub-network moves only the supernet's parameters at its channels. */
    @Test
    void aGradientReachesOnlyTheSupernetsChannelsTheSubNetworkUses() {
        try (SmartNetModel big = SmartNetModel.create(SUPERNET, Device.cpu(), 1)) {
            NDManager manager = big.model().getNDManager();
            big.block().getParameters().forEach(p -> {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            });
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList logits = new SubnetForward(big.block(), SMALLER).forward(new ParameterStore(manager, false),
                        images(manager), true);
                collector.backward(logits.get(0).sum().add(logits.get(1).sum()));
            }
            float[] stem = big.block().stem().getParameters().get("weight").getArray().getGradient().toFloatArray();
            double used = 0;
            double unused = 0;
            for (int k = 0; k < stem.length; k++) {
                if (k < 4 * 9) {
                    used += Math.abs(stem[k]);
                } else {
                    unused += Math.abs(stem[k]);
                }
            }
            assertTrue(used > 0, "the stem's first 4 filters learn");
            assertEquals(0, unused, "the other 4 do not");
            NDArray head2 = big.block().head(2).getChildren().get(3).getValue().getParameters().get("weight")
                    .getArray().getGradient();
            assertEquals(0, head2.abs().sum().getFloat(), "the third exit is not in the sub-network");
        }
    }

    private static NDArray images(NDManager manager) {
        return manager.arange(2 * 64).reshape(2, 1, 8, 8).toType(DataType.FLOAT32, false).div(128f).sin();
    }
}
