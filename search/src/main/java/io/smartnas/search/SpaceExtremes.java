package io.smartnas.search;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The smallest and the largest networks of a space, by the cost model: what a memory target can be checked against
 * before anything is trained.
 */
final class SpaceExtremes {
    private SpaceExtremes() {
    }

    /**
     * One exit, the narrowest stem, every block pruned, the coarsest base: nothing in the space has fewer parameters,
     * and nothing runs fewer operations or MACs.
     */
    static SmartNetConfig smallestNetwork(SpaceBounds b) {
        return new SmartNetConfig(b.input(), b.classes(), Collections.min(b.stemWidths()), b.bottleneck(), 1,
                List.of(0), List.of(new Cell(0, 0, 0, List.of())), Collections.max(b.bases()));
    }

    /** The cost of {@link #smallestNetwork}. */
    static Cost smallest(SpaceBounds b) {
        return CostModel.of(smallestNetwork(b));
    }

    /**
     * Every exit, the widest stem and growth, the deepest blocks and every Smart Connection (parameters and buffers do
     * not depend on the base, so it is full resolution).
     */
    static double largestBytes(SpaceBounds b) {
        int size = b.maxSize();
        List<Integer> growth = Collections.nCopies(size, Collections.max(b.growthRates()));
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < Grid.cellCount(size); i++) {
            cells.add(new Cell(Grid.row(i), Grid.col(i), b.maxDepth(), Grid.connectableSlots(i)));
        }
        SmartNetConfig config = new SmartNetConfig(b.input(), b.classes(), Collections.max(b.stemWidths()),
                b.bottleneck(), size, growth, cells);
        return CostModel.of(config).bytes();
    }
}
