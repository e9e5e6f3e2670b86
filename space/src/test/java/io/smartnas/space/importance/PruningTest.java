package io.smartnas.space.importance;

import io.smartnas.space.Cell;
import io.smartnas.space.Genome;
import io.smartnas.space.Genomes;
import io.smartnas.space.Grid;
import io.smartnas.space.InputShape;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.CostModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningTest {
    /** The benchmark network of {@code examples/three-exits-130k.json}. */
    static SmartNetConfig threeExits(int connectionFromSlot1) {
        return new SmartNetConfig(new InputShape(1, 28, 28), 10, 16, 4, 3, List.of(12, 12, 24), List.of(
                new Cell(0, 0, 2, List.of()), new Cell(0, 1, 2, List.of()), new Cell(1, 1, 2, List.of(0)),
                new Cell(0, 2, 2, List.of()), new Cell(1, 2, 2, List.of()),
                new Cell(2, 2, 2, connectionFromSlot1 == 1 ? List.of(1) : List.of())));
    }

    /**
     * An importance of every input and layer the network has, valued by {@code connection} (cell, slot) and every
     * layer at {@code layer}.
     */
    static Importance importance(SmartNetConfig config, ToDoubleBiFunction<Integer, Integer> connection,
                                 double layer) {
        List<Importance.Connection> connections = new ArrayList<>();
        List<Importance.Layer> layers = new ArrayList<>();
        for (Cell cell : config.cells()) {
            if (!cell.pruned() || cell.diagonal()) {
                for (int slot : config.view(cell.index())) {
                    connections.add(new Importance.Connection(cell.index(), slot,
                            Grid.structuralSlots(cell.row(), cell.col()).contains(slot),
                            connection.applyAsDouble(cell.index(), slot)));
                }
            }
            for (int l = 0; l < cell.depth(); l++) {
                layers.add(new Importance.Layer(cell.index(), l, layer));
            }
        }
        return new Importance(connections, layers);
    }

    @Test
    void theLeastUsedConnectionGoesAndTheCostModelDropsByExactlyWhatItCost() {
        SmartNetConfig config = threeExits(1);
        // Cell (2,2) is index 5; its Smart Connection from slot 1 (cell (0,0)) is used least.
        Importance importance = importance(config, (cell, slot) -> cell == 5 && slot == 1 ? 0.05 : 1.0, 1.0);
        SmartNetConfig pruned = Pruning.prune(config, importance, 0.99).config();
        assertEquals(threeExits(0).canonical(), pruned);
        long saved = CostModel.of(config).params() - CostModel.of(pruned).params();
        // Slot 1 holds 2 x 12 channels; each of the 2 layers of cell (2,2) read them through BN (2 per channel) and
        // a 1x1 convolution to 4 x 24, and so does exit 2's batch norm (2 per channel) and linear layer (10 each).
        assertEquals(2L * (24 * 2 + 24 * 4 * 24) + 24 * 2 + 24 * 10, saved);
    }

    @Test
    void structuralInputsStayEvenWhenTheyAreUsedLeastAndOnlySmartConnectionsGo() {
        SmartNetConfig config = threeExits(1);
        Importance importance = importance(config, (cell, slot) -> Grid.structuralSlots(Grid.row(cell),
                Grid.col(cell)).contains(slot) ? 0 : 1, 100);
        // Take out at most the two Smart Connections' worth (and less than a layer's): both go, the structural inputs
        // (worth nothing) stay.
        double total = 2 + 100 * 12;
        SmartNetConfig pruned = Pruning.prune(config, importance, 1 - 2.5 / total).config();
        for (Cell cell : pruned.cells()) {
            assertEquals(List.of(), cell.from(), "cell " + cell.index());
            assertEquals(2, cell.depth(), "no layer goes");
            for (int slot : Grid.structuralSlots(cell.row(), cell.col())) {
                assertTrue(pruned.view(cell.index()).contains(slot), "cell " + cell.index() + " reads slot " + slot);
            }
        }
    }

    @Test
    void unusedLayersMakeTheirBlockShallowerAndABlockWithNoneLeftIsPruned() {
        SmartNetConfig config = threeExits(1);
        List<Importance.Layer> layers = new ArrayList<>();
        for (Cell cell : config.cells()) {
            for (int l = 0; l < cell.depth(); l++) {
                // Cell (1,2) (index 4) uses neither layer, cell (0,1) (index 1) not its first.
                double value = cell.index() == 4 || cell.index() == 1 && l == 0 ? 0 : 1;
                layers.add(new Importance.Layer(cell.index(), l, value));
            }
        }
        Importance importance = new Importance(importance(config, (c, s) -> 1.0, 1).connections(), layers);
        Pruning.Pruned result = Pruning.prune(config, importance, 1.0);
        SmartNetConfig pruned = result.config();
        assertEquals(List.of(1), result.keptLayers().get(1), "cell (0,1) keeps its second layer");
        assertEquals(List.of(), result.keptLayers().get(4));
        assertEquals(1, pruned.cells().get(1).depth());
        assertEquals(0, pruned.cells().get(4).depth());
        assertEquals(List.of(1), pruned.cells().get(5).from(), "a used connection stays");
        assertEquals(2, pruned.cells().get(0).depth());
    }

    @Test
    void keepingEverythingChangesNothingThatIsUsed() {
        SmartNetConfig config = threeExits(1);
        assertEquals(config.canonical(), Pruning.prune(config, importance(config, (c, s) -> 0.5, 0.7), 1.0).config());
        assertThrows(IllegalArgumentException.class, () -> Pruning.prune(config, importance(config, (c, s) -> 1, 1),
                1.5));
    }

    @Test
    void theLeastUsedShareGoesLeastUsedFirstAndAtLeastOneWhenEverythingIsUsedAlike() {
        SmartNetConfig config = threeExits(1);
        // 14 that may go: the Smart Connections of cell (1,1) from slot 0 and of cell (2,2) from slot 1, and 12 layers.
        // Cell (1,2)'s second layer is used least, then the second connection; the structural inputs, worth nothing,
        // are no genes.
        List<Importance.Layer> layers = new ArrayList<>();
        for (Cell cell : config.cells()) {
            for (int l = 0; l < cell.depth(); l++) {
                layers.add(new Importance.Layer(cell.index(), l, cell.index() == 4 && l == 1 ? 0.9 : 1.0));
            }
        }
        Importance importance = new Importance(importance(config, (cell, slot) -> Grid.structuralSlots(
                Grid.row(cell), Grid.col(cell)).contains(slot) ? 0 : cell == 5 ? 0.93 : 0.95, 1).connections(), layers);
        List<Cell> shallower = new ArrayList<>(threeExits(1).cells());
        shallower.set(4, new Cell(1, 2, 1, List.of()));
        assertEquals(new SmartNetConfig(config.input(), config.classes(), config.stem(), config.bottleneck(),
                config.size(), config.growth(), shallower).canonical(), Pruning.leastUsed(config, importance, 0)
                .config(), "only the least used goes, though all are within 10% of each other");
        shallower.set(5, new Cell(2, 2, 2, List.of()));
        Pruning.Pruned two = Pruning.leastUsed(config, importance, 2.0 / 14);
        assertEquals(new SmartNetConfig(config.input(), config.classes(), config.stem(), config.bottleneck(),
                config.size(), config.growth(), shallower).canonical(), two.config());
        assertEquals(List.of(0), two.keptLayers().get(4));
        assertEquals(config.canonical(), Pruning.prune(config, importance, 0.95).config(),
                "prune keeping 95% of the importance takes nothing out of it");
        assertThrows(IllegalArgumentException.class, () -> Pruning.leastUsed(config, importance, -0.1));
    }

    /**
     * For any network of the space and any importance: the result is a network of the space, no block deeper and no
     * cell reading more. Not always fewer parameters: an exit whose block has no layers reads that block's inputs, and
     * when its one Smart Connection goes, it reads a structural input instead, which may be wider (stem 8 channels
     * against a 4-channel block: 1,036 parameters before, 1,084 after).
     */
    @Property(tries = 200)
    void aPrunedConfigIsAValidNetworkOfTheSameSpaceNeverDeeperNorReadingMore(@ForAll("genomes") Genome genome,
                                                                   @ForAll @LongRange(min = 0, max = 1000) long seed,
                                                                   @ForAll @DoubleRange(min = 0, max = 1) double keep,
                                                                   @ForAll boolean byShare) {
        SearchSpace space = new SearchSpace(Genomes.SMALL);
        SmartNetConfig config = space.decode(genome);
        Random random = new Random(seed);
        Importance importance = importance(config, (c, s) -> random.nextDouble(), random.nextDouble());
        SmartNetConfig pruned = (byShare ? Pruning.leastUsed(config, importance, 1 - keep)
                : Pruning.prune(config, importance, keep)).config();
        space.check(space.encode(pruned));
        assertEquals(pruned, space.decode(space.encode(pruned)).canonical());
        for (Cell cell : pruned.cells()) {
            Cell was = config.cells().get(cell.index());
            assertTrue(cell.depth() <= was.depth());
            assertTrue(was.from().containsAll(cell.from()));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Genome> genomes() {
        return Genomes.of(new SearchSpace(Genomes.SMALL));
    }
}
