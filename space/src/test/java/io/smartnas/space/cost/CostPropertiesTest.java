package io.smartnas.space.cost;

import io.smartnas.space.Cell;
import io.smartnas.space.Genomes;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostPropertiesTest {
    private final SearchSpace colour = new SearchSpace(Genomes.COLOUR);

    @Provide
    Arbitrary<SmartNetConfig> configs() {
        return Genomes.configs(colour);
    }

    @Property
    void groupsAddUpToTheTotal(@ForAll("configs") SmartNetConfig config) {
        Cost cost = CostModel.of(config);
        assertEquals(cost.params(), cost.groups().stream().mapToLong(GroupCost::params).sum());
        assertEquals(cost.buffers(), cost.groups().stream().mapToLong(GroupCost::buffers).sum());
    }

    @Property
    void exitCostsGrowWithTheExitIndex(@ForAll("configs") SmartNetConfig config) {
        Cost cost = CostModel.of(config);
        for (int c = 0; c + 1 < config.size(); c++) {
            ExitCost exit = cost.exits().get(c);
            ExitCost next = cost.exits().get(c + 1);
            Tally head = CostModel.head(config, c);
            Tally nextHead = CostModel.head(config, c + 1);
            // The trunk below the heads grows; it grows strictly when the next column has a block.
            long trunk = exit.macs() - head.macs();
            long nextTrunk = next.macs() - nextHead.macs();
            assertTrue(nextTrunk >= trunk);
            assertTrue(next.params() - nextHead.params() >= exit.params() - head.params());
            if (config.blocksInColumn(c + 1) > 0) {
                assertTrue(nextTrunk > trunk);
                assertTrue(next.params() - nextHead.params() > exit.params() - head.params());
            }
        }
    }

    @Property
    void theLastExitNeedsEveryParameterButTheOtherHeads(@ForAll("configs") SmartNetConfig config) {
        Cost cost = CostModel.of(config);
        long otherHeads = 0;
        for (int c = 0; c + 1 < config.size(); c++) {
            otherHeads += CostModel.head(config, c).params();
        }
        assertEquals(cost.params() - otherHeads, cost.lastExit().params());
    }

    @Property
    void thePeakActivationHoldsAtLeastTheInputAndTheStemOutput(@ForAll("configs") SmartNetConfig config) {
        Cost cost = CostModel.of(config);
        long stemOut = (long) config.stem() * config.input().height() * config.input().width();
        assertTrue(cost.activationBytes() >= 4 * (config.input().size() + stemOut));
        for (Cell cell : config.cells()) {
            assertTrue(cost.activationBytes() >= 4L * config.slotChannels(cell.slot()));
        }
    }
}
