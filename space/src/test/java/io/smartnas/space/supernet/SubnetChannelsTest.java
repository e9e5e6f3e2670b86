package io.smartnas.space.supernet;

import io.smartnas.space.Cell;
import io.smartnas.space.Genomes;
import io.smartnas.space.Grid;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every network of a space maps into the space's largest one, channel for channel, in the order it concatenates. */
class SubnetChannelsTest {
    private static final SpaceBounds BOUNDS = Genomes.SMALL;
    private static final SearchSpace SPACE = new SearchSpace(BOUNDS);
    private static final SmartNetConfig LARGEST = largest(BOUNDS);

    @Provide
    Arbitrary<SmartNetConfig> networks() {
        return Genomes.configs(SPACE);
    }

    @Property(tries = 300)
    void everyMapHasTheSubNetworksChannelCountAndKeepsItsOrderWithinTheSupernets(
            @ForAll("networks") SmartNetConfig sub) {
        SubnetChannels channels = SubnetChannels.of(LARGEST, sub);
        for (Cell cell : sub.cells()) {
            if (cell.col() >= sub.size()) {
                continue;
            }
            int i = cell.index();
            if (!cell.pruned()) {
                within(channels.view(i), sub.viewChannels(i), LARGEST.viewChannels(i));
                for (int layer = 1; layer <= cell.depth(); layer++) {
                    int g = sub.growth().get(cell.row());
                    int bigG = LARGEST.growth().get(cell.row());
                    within(channels.layerInput(i, layer), sub.viewChannels(i) + (layer - 1) * g,
                            LARGEST.viewChannels(i) + (layer - 1) * bigG);
                }
            }
            within(channels.slot(Grid.slot(i)), sub.slotChannels(Grid.slot(i)), LARGEST.slotChannels(Grid.slot(i)));
        }
        for (int exit = 0; exit < sub.size(); exit++) {
            within(channels.exit(exit), sub.exitChannels(exit), LARGEST.exitChannels(exit));
        }
        within(channels.slot(0), sub.stem(), LARGEST.stem());
    }

    @Test
    void theSupernetMapsOntoItselfOneToOne() {
        SubnetChannels itself = SubnetChannels.of(LARGEST, LARGEST);
        for (Cell cell : LARGEST.cells()) {
            assertArrayEquals(IntStream.range(0, LARGEST.viewChannels(cell.index())).toArray(),
                    itself.view(cell.index()));
        }
        for (int exit = 0; exit < LARGEST.size(); exit++) {
            assertArrayEquals(IntStream.range(0, LARGEST.exitChannels(exit)).toArray(), itself.exit(exit));
        }
    }

    /**
     * A hand-worked case: cell (1, 1) of a two-exit network with stem 8 and growth 4 (rows 0 and 1), cells (0, 0) and
     * (0, 1) of one layer, reading the stem through a Smart Connection, inside the largest network (stem 32, growth
     * 32, three layers a cell, every connection).
     */
    @Test
    void aViewMapsItsSourcesToWhereTheSupernetsViewHoldsThem() {
        SmartNetConfig sub = new SmartNetConfig(LARGEST.input(), LARGEST.classes(), 8, LARGEST.bottleneck(), 2,
                List.of(4, 4), List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()),
                new Cell(1, 1, 1, List.of(0))));
        SubnetChannels channels = SubnetChannels.of(LARGEST, sub);
        int cell = Grid.index(1, 1);
        // The supernet's view of (1, 1) is the stem (32), (0, 0) (96) and (0, 1) (96); the sub-network's is the stem's
        // first 8, and the first 4 of (0, 1)'s first layer (its only structural input: (1, 1) has no cell above)
        int[] expected = IntStream.concat(IntStream.range(0, 8), IntStream.range(32 + 96, 32 + 96 + 4)).toArray();
        assertArrayEquals(expected, channels.view(cell), Arrays.toString(channels.view(cell)));
        // Its second layer would read that view, then the first 4 of the supernet's first layer's 32 outputs
        int bigView = LARGEST.viewChannels(cell);
        assertArrayEquals(IntStream.concat(Arrays.stream(expected), IntStream.range(bigView, bigView + 4)).toArray(),
                channels.layerInput(cell, 2));
    }

    @Test
    void whatTheSupernetDoesNotHoldIsRefused() {
        SmartNetConfig narrow = largest(new SpaceBounds(BOUNDS.maxSize(), BOUNDS.maxDepth(), List.of(8),
                BOUNDS.growthRates(), BOUNDS.input(), BOUNDS.classes(), BOUNDS.bottleneck(), BOUNDS.bases()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubnetChannels.of(narrow, LARGEST));
        assertTrue(e.getMessage().contains("its stem is at most the supernet's 8"), e.getMessage());
    }

    private static void within(int[] map, int length, int bound) {
        assertEquals(length, map.length);
        for (int k = 0; k < map.length; k++) {
            assertTrue(map[k] >= 0 && map[k] < bound, map[k] + " within " + bound);
            assertTrue(k == 0 || map[k] > map[k - 1], "increasing: " + Arrays.toString(map));
        }
    }

    /** The largest network of {@code bounds}: every exit, every layer, the widest stem and growth, every connection. */
    static SmartNetConfig largest(SpaceBounds bounds) {
        int size = bounds.maxSize();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < Grid.cellCount(size); i++) {
            cells.add(new Cell(Grid.row(i), Grid.col(i), bounds.maxDepth(), Grid.connectableSlots(i)));
        }
        return new SmartNetConfig(bounds.input(), bounds.classes(), Collections.max(bounds.stemWidths()),
                bounds.bottleneck(), size, Collections.nCopies(size, Collections.max(bounds.growthRates())), cells);
    }
}
