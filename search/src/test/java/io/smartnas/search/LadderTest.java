package io.smartnas.search;

import io.smartnas.space.Cell;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Standing;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The promotion rule (asynchronous successive halving) and the inheritance rule, on their own. */
class LadderTest {
    private static final List<Fidelity> RUNGS = List.of(new Fidelity(1, 100), new Fidelity(1, 300),
            new Fidelity(2, 0));

    private static Standing at(double accuracy, int rung) {
        return new Standing(0, accuracy, 1, 1000, rung);
    }

    @Test
    void theBestThirdOfARungIsPromotedAsSoonAsItIsMeasuredWithoutWaitingForTheRungToFill() {
        Ladder ladder = new Ladder(RUNGS, 3, 12);
        ladder.add("a", 0, at(0.70, 0));
        ladder.add("b", 0, at(0.60, 0));
        assertEquals(List.of(), ladder.due(), "two candidates: a third of them is none");
        ladder.add("c", 0, at(0.80, 0));
        assertEquals(List.of(new Ladder.Promotion("c", 0)), ladder.due());
        ladder.add("c", 1, at(0.85, 1));
        assertEquals(List.of(), ladder.due(), "c went on; a is not in the best third of three");
        ladder.add("d", 0, at(0.75, 0));
        ladder.add("e", 0, at(0.50, 0));
        ladder.add("f", 0, null);
        assertEquals(List.of(), ladder.due(), "five measured ok, one failed: still only the best one, c");
        ladder.add("k", 0, at(0.55, 0));
        assertEquals(List.of(new Ladder.Promotion("d", 0)), ladder.due(), "the best two of six measured ok: c, d");
        ladder.add("d", 1, null);
        assertEquals(List.of(), ladder.due(), "a promotion that failed is not tried again");
        List<String> better = List.of("g", "h", "i", "j");
        for (int k = 0; k < better.size(); k++) {
            ladder.add(better.get(k), 0, at(0.96 + k / 100.0, 0));
        }
        ladder.add("g", 1, at(0.95, 1));
        ladder.add("h", 1, at(0.96, 1));
        assertEquals(List.of(new Ladder.Promotion("h", 1), new Ladder.Promotion("j", 0),
                new Ladder.Promotion("i", 0)), ladder.due(), "the highest rung first, best first within a rung");
    }

    @Test
    void aCheckpointIsPromotableOnlyWithinTheShareOfTheMostARungCanEverHold() {
        Ladder ladder = new Ladder(RUNGS, 3, 6);
        for (int i = 0; i < 6; i++) {
            ladder.add("c" + i, 0, at(0.5 + i / 100.0, 0));
        }
        // Rung 0 holds at most 6, so at most 2 of them are ever promoted: the best two.
        assertTrue(ladder.promotable("c5", 0));
        assertTrue(ladder.promotable("c4", 0));
        assertFalse(ladder.promotable("c3", 0), "third of six can never be in the best two");
        ladder.add("c5", 1, at(0.9, 1));
        assertFalse(ladder.promotable("c5", 0), "promoted already: its rung-0 checkpoint is spent");
        assertFalse(ladder.promotable("c5", 1), "rung 1 holds at most 2; a third of 2 is none");
        assertFalse(ladder.promotable("c5", 2), "nothing is above the top rung");
    }

    @Test
    void aChildSharesTheExitGroupsOfEqualFirstColumnsAndNoMore() {
        SmartNetConfig parent = SyntheticEvaluator.HIDDEN;
        SmartNetConfig sameFirstColumn = new SmartNetConfig(parent.input(), 10, 16, 4, 2, List.of(12, 4),
                List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 2, List.of()), new Cell(1, 1, 1, List.of())));
        SmartNetConfig sameTwoColumns = parent.prefix(2).grown(1, 8);
        SmartNetConfig otherStem = new SmartNetConfig(parent.input(), 10, 8, 4, 1, List.of(12),
                List.of(new Cell(0, 0, 1, List.of())));
        assertEquals(1, sameFirstColumn.sharedExitGroups(parent));
        assertEquals(2, sameTwoColumns.sharedExitGroups(parent));
        assertEquals(0, otherStem.sharedExitGroups(parent), "another stem width: nothing is shared");
        assertEquals(3, parent.sharedExitGroups(parent));

        Checkpoints.Kept where = new Checkpoints.Kept(parent.id(), 0, 7, Path.of("p"));
        Checkpoints.Kept other = new Checkpoints.Kept(sameFirstColumn.id(), 1, 9, Path.of("q"));
        var choice = Inheritance.choose(sameTwoColumns, List.of(
                new Inheritance.Parent(sameFirstColumn, at(0.99, 1), other),
                new Inheritance.Parent(parent, at(0.6, 0), where))).orElseThrow();
        assertEquals(parent, choice.parent().config(), "the parent it shares most groups with, however it stands");
        assertEquals(2, choice.groups());
        assertTrue(Inheritance.choose(otherStem, List.of(new Inheritance.Parent(parent, at(0.6, 0), where)))
                .isEmpty());
    }
}
