package io.smartnas.space.cost;

import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.WorkedExample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CostModelTest {
    private final Cost example = CostModel.of(WorkedExample.config());

    @Test
    void totalsMatchTheWorkedExample() {
        assertEquals(39_500, example.params());
        assertEquals(1_152, example.buffers());
        assertEquals(162_608, example.bytes());
        assertEquals(3, example.blocks());
    }

    @Test
    void exitsMatchTheWorkedExample() {
        assertEquals(new ExitCost(0, 13_394, 360, 9_897_616), example.exits().get(0));
        assertEquals(13_394, example.exits().get(0).params());
        assertEquals(9_897_616, example.exits().get(0).macs());
        assertEquals(39_010, example.exits().get(1).params());
        assertEquals(26_932_568, example.exits().get(1).macs());
    }

    @Test
    void groupsMatchTheWorkedExample() {
        assertEquals(13_394, example.groups().get(0).params());
        assertEquals(26_106, example.groups().get(1).params());
    }

    @Test
    void theFullNetworkRunsEveryColumnAndEveryHead() {
        assertEquals(26_932_568 + 400, example.macs());
    }

    @Test
    void baseOneMatchesTheWorkedExample() {
        Cost base1 = CostModel.of(WorkedExample.withBase(1));
        assertEquals(example.params(), base1.params(), "the same parameters");
        assertEquals(example.buffers(), base1.buffers(), "the same buffers");
        assertEquals(112_896, CostModel.stem(WorkedExample.withBase(1)).macs(), "the stem at 28x28");
        assertEquals(2_559_376, base1.exits().get(0).macs());
        assertEquals(6_818_264, base1.exits().get(1).macs());
        assertEquals(13_394, base1.exits().get(0).params());
        assertEquals(26_106, base1.groups().get(1).params());
    }

    @Test
    void baseTwoRunsEveryRowAtTheCoarsestLevel() {
        Cost base2 = CostModel.of(WorkedExample.withBase(2));
        // every block at 7x7: a 14x14 block costs four times as many MACs, a 28x28 one sixteen times
        long blocks0 = 2_559_376 - 112_896 - 40 * 10;
        assertEquals(112_896 + blocks0 / 4 + 40 * 10, base2.exits().get(0).macs());
        assertEquals(example.params(), base2.params());
    }

    @Test
    void aPooledStemHoldsItsFullSizeOutputUntilItIsPooled() {
        SmartNetConfig base0 = new SmartNetConfig(new InputShape(1, 8, 8), 2, 8, 4, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())));
        SmartNetConfig base1 = new SmartNetConfig(new InputShape(1, 8, 8), 2, 8, 4, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())), 1);
        // base 1: the stem's 8x64 output with the image, then with its 8x16 pooled copy; then the block at 4x4:
        // (8 + 4 + 8 + 8 + 16) x 16, the largest of the three
        assertEquals(4L * Math.max(Math.max(64 + 8 * 64, 8 * 64 + 8 * 16), (8 + 4 + 8 + 8 + 16) * 16),
                CostModel.of(base1).activationBytes());
        assertEquals(4L * (8 + 4 + 8 + 8 + 16) * 16, CostModel.of(base1).activationBytes());
        assertEquals(4L * Math.max(64 + 8 * 64, (8 + 4 + 8 + 8 + 16) * 64), CostModel.of(base0).activationBytes());
    }

    @Test
    void activationPeakOfASingleBlockIsCountedByHand() {
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 8, 8), 2, 8, 4, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())));
        // stem output 8x64 stays live (the head reads it); the block adds its slot 4x64, its view 8x64, the layer
        // input 8x64 and the bottleneck 16x64: (8 + 4 + 8 + 8 + 16) x 64 values.
        assertEquals(4L * (8 + 4 + 8 + 8 + 16) * 64, CostModel.of(config).activationBytes());
    }
}
