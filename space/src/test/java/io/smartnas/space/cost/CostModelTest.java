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
    void activationPeakOfASingleBlockIsCountedByHand() {
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 8, 8), 2, 8, 4, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())));
        // stem output 8x64 stays live (the head reads it); the block adds its slot 4x64, its view 8x64, the layer
        // input 8x64 and the bottleneck 16x64: (8 + 4 + 8 + 8 + 16) x 64 values.
        assertEquals(4L * (8 + 4 + 8 + 8 + 16) * 64, CostModel.of(config).activationBytes());
    }
}
