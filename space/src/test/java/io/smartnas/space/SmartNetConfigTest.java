package io.smartnas.space;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmartNetConfigTest {
    private final SmartNetConfig example = WorkedExample.config();

    @Test
    void slotsHoldDepthTimesGrowthChannels() {
        assertEquals(16, example.slotChannels(0));
        assertEquals(24, example.slotChannels(1));
        assertEquals(36, example.slotChannels(2));
        assertEquals(8, example.slotChannels(3));
    }

    @Test
    void viewsConcatenateStructuralAndConnectedSlotsInSlotOrder() {
        assertEquals(List.of(0), example.view(0));
        assertEquals(List.of(1), example.view(1));
        assertEquals(List.of(0, 2), example.view(2));
        assertEquals(52, example.viewChannels(2));
    }

    @Test
    void exitsReadTheViewAndSlotOfTheirDiagonalCell() {
        assertEquals(40, example.exitChannels(0));
        assertEquals(60, example.exitChannels(1));
    }

    @Test
    void aGrownNetworkKeepsEveryColumnAndAddsOneWithTheLastGrowingRowsRate() {
        SmartNetConfig grown = example.grown(2, null);
        assertEquals(example.size() + 1, grown.size());
        assertEquals(example, grown.prefix(example.size()));
        assertEquals(example.growth().stream().filter(k -> k > 0).reduce((a, b) -> b).orElseThrow(),
                grown.growth().get(example.size()));
        assertEquals(7, example.grown(2, 7).growth().get(example.size()));
    }

    @Test
    void aGrownNetworkThatBreaksABoundIsRefused() {
        assertThrows(InvalidConfigException.class, () -> example.grown(SmartNetConfig.MAX_DEPTH + 1, null));
    }

    @Test
    void rowsRunAtTheirLevel() {
        assertEquals(0, example.level(0));
        assertEquals(1, example.level(1));
        assertEquals(2, example.level(5));
    }

    @Test
    void rowsRunFromTheBaseLevelDownAndTheStemsSlotIsAtTheBase() {
        SmartNetConfig base1 = WorkedExample.withBase(1);
        assertEquals(1, base1.level(0));
        assertEquals(2, base1.level(1));
        assertEquals(2, base1.level(5), "never below the coarsest level");
        assertEquals(1, base1.slotLevel(0));
        assertEquals(0, example.slotLevel(0));
    }

    @Test
    void aBaseAboveTheInputsLevelsIsRefusedNamingTheField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> WorkedExample.withBase(3));
        assertEquals("base", e.field());
        assertThrows(InvalidConfigException.class, () -> WorkedExample.withBase(-1));
    }

    @Test
    void networksOfDifferentBasesShareNoExitGroup() {
        assertEquals(2, example.sharedExitGroups(WorkedExample.withBase(0)));
        assertEquals(0, example.sharedExitGroups(WorkedExample.withBase(1)));
        assertEquals(1, WorkedExample.withBase(1).prefix(1).base(), "a prefix keeps its base");
        assertEquals(1, WorkedExample.withBase(1).canonical().base(), "the canonical form keeps its base");
    }

    @Test
    void aViewWithOnlyEmptySourcesFallsBackToTheStem() {
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 28, 28), 10, 16, 4, 2, List.of(12, 8), List.of(
                new Cell(0, 0, 2, List.of()), new Cell(0, 1, 0, List.of()), new Cell(1, 1, 1, List.of())));
        assertEquals(List.of(0), config.view(2));
    }

    @Test
    void canonicalFormDropsConnectionsThatChangeNothing() {
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 28, 28), 10, 16, 4, 3, List.of(12, 8, 4),
                List.of(new Cell(0, 0, 2, List.of()), new Cell(0, 1, 0, List.of(0)), new Cell(1, 1, 0, List.of(0)),
                        new Cell(0, 2, 1, List.of(0, 1, 3)), new Cell(1, 2, 0, List.of(0)),
                        new Cell(2, 2, 0, List.of(1, 2))));
        SmartNetConfig canonical = config.canonical();
        assertEquals(List.of(12, 0, 0), canonical.growth());
        assertEquals(List.of(), canonical.cells().get(1).from(), "pruned cell off the diagonal");
        assertEquals(List.of(), canonical.cells().get(2).from(), "stem alone is the fallback view anyway");
        assertEquals(List.of(0, 1), canonical.cells().get(3).from(), "slot 3 is empty");
        assertEquals(List.of(1), canonical.cells().get(5).from(), "a pruned diagonal cell's view feeds its exit");
        assertEquals(config.id(), canonical.id());
    }

    @Test
    void theIdIsStableAcrossRunsAndMachines() {
        assertEquals("3802668f4f7c71f2", example.id());
    }

    @Test
    void theIdChangesWithTheNetwork() {
        SmartNetConfig wider = new SmartNetConfig(new InputShape(1, 28, 28), 10, 24, 4, 2, List.of(12, 8),
                example.cells());
        assertNotEquals(example.id(), wider.id());
    }

    @Test
    void aPrefixKeepsTheFirstColumnsWithTheirViews() {
        SmartNetConfig first = example.prefix(1);
        assertEquals(1, first.size());
        assertEquals(List.of(12), first.growth());
        assertEquals(example.cells().subList(0, 1), first.cells());
        assertEquals(example.exitChannels(0), first.exitChannels(0));
        assertEquals(example, example.prefix(2));
    }
}
