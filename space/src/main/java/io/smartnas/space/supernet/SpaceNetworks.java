package io.smartnas.space.supernet;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The two ends of a space: its largest network, whose parameters every network of the space shares as a supernet, and
 * its smallest.
 */
public final class SpaceNetworks {
    private SpaceNetworks() {
    }

    /**
     * Every exit, the widest stem and growth, the deepest blocks, every Smart Connection, and the finest of the space's
     * bases: every network of the space is a sub-network of it ({@link SubnetChannels}).
     */
    public static SmartNetConfig largest(SpaceBounds b) {
        int size = b.maxSize();
        List<Integer> growth = Collections.nCopies(size, Collections.max(b.growthRates()));
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < Grid.cellCount(size); i++) {
            cells.add(new Cell(Grid.row(i), Grid.col(i), b.maxDepth(), Grid.connectableSlots(i)));
        }
        return new SmartNetConfig(b.input(), b.classes(), Collections.max(b.stemWidths()), b.bottleneck(), size,
                growth, cells, Collections.min(b.bases()));
    }

    /**
     * One exit, the narrowest stem, every block pruned, the coarsest base: nothing in the space has fewer parameters,
     * and nothing runs fewer operations or MACs.
     */
    public static SmartNetConfig smallest(SpaceBounds b) {
        return new SmartNetConfig(b.input(), b.classes(), Collections.min(b.stemWidths()), b.bottleneck(), 1,
                List.of(0), List.of(new Cell(0, 0, 0, List.of())), Collections.max(b.bases()));
    }
}
