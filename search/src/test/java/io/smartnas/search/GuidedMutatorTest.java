package io.smartnas.search;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.run.GuidedMutation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuidedMutatorTest {
    private final SearchSpace space = new SearchSpace(TestSettings.BOUNDS);
    private final GenomeCodec codec = new GenomeCodec(space);

    /** Hands back what it is given, counting it. */
    private static final class Untouched implements Alterer<IntegerGene, Standing> {
        int seen;

        @Override
        public AltererResult<IntegerGene, Standing> alter(Seq<Phenotype<IntegerGene, Standing>> population,
                                                          long generation) {
            seen += population.size();
            return new AltererResult<>(population.asISeq(), 0);
        }
    }

    /**
     * The hidden network's importance: its structural inputs worth nothing (the least of all), its Smart Connections
     * too but for cell (2,2)'s from slot 3, every layer 1.
     */
    private static Importance hiddenImportance() {
        SmartNetConfig hidden = SyntheticEvaluator.HIDDEN.canonical();
        List<Importance.Connection> connections = new ArrayList<>();
        List<Importance.Layer> layers = new ArrayList<>();
        for (Cell cell : hidden.cells()) {
            if (!cell.pruned() || cell.diagonal()) {
                for (int slot : hidden.view(cell.index())) {
                    boolean structural = Grid.structuralSlots(cell.row(), cell.col()).contains(slot);
                    connections.add(new Importance.Connection(cell.index(), slot, structural,
                            cell.index() == Grid.index(2, 2) && slot == 3 ? 1 : 0));
                }
            }
            for (int l = 0; l < cell.depth(); l++) {
                layers.add(new Importance.Layer(cell.index(), l, 1));
            }
        }
        return new Importance(connections, layers);
    }

    @Test
    void anOffspringWhoseParentSaidWhatItUsedIsThatParentPrunedAndTheOthersGoThroughTheUsualAlterers() {
        SmartNetConfig hidden = SyntheticEvaluator.HIDDEN.canonical();
        Standing standing = new Standing(0, 0.8, 1.0, 1000, 0);
        Phenotype<IntegerGene, Standing> parent = Phenotype.of(codec.encode(space.encode(hidden)), 1, standing);
        Phenotype<IntegerGene, Standing> unknown = Phenotype.of(codec.encode(space.random(new Random(3))), 1,
                standing);
        Untouched usual = new Untouched();
        // The least used 3 of its 11 Smart Connections and layers (4 Smart Connections, 7 layers) are the Smart
        // Connections worth nothing.
        GuidedMutator guided = new GuidedMutator(codec, new GuidedMutation(1.0, 3.0 / 11),
                id -> id.equals(hidden.id()) ? Optional.of(hiddenImportance()) : Optional.empty(), usual);

        AltererResult<IntegerGene, Standing> result = RandomRegistry.with(new Random(1),
                r -> guided.alter(ISeq.of(parent, unknown), 2));

        SmartNetConfig child = space.decode(codec.decode(result.population().get(0).genotype())).canonical();
        List<Cell> cells = new ArrayList<>();
        for (Cell cell : hidden.cells()) {
            cells.add(new Cell(cell.row(), cell.col(), cell.depth(),
                    cell.index() == Grid.index(2, 2) ? List.of(3) : List.of()));
        }
        assertEquals(new SmartNetConfig(hidden.input(), hidden.classes(), hidden.stem(), hidden.bottleneck(),
                hidden.size(), hidden.growth(), cells).canonical(), child, "only the used Smart Connection stays");
        for (Cell cell : child.cells()) {
            for (int slot : Grid.structuralSlots(cell.row(), cell.col())) {
                assertTrue(child.slotChannels(slot) == 0 || child.view(cell.index()).contains(slot),
                        "structural input " + slot + " of cell " + cell.index() + " stays, though worth nothing");
            }
        }
        assertSame(unknown, result.population().get(1), "a parent whose importance is not known is bred as usual");
        assertEquals(1, usual.seen);
        assertEquals(1, result.alterations());
    }
}
