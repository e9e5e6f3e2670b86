package io.smartnas.space.importance;

import io.smartnas.space.Cell;
import io.smartnas.space.SmartNetConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** Takes out of a config what its trained network uses least. */
public final class Pruning {
    private Pruning() {
    }

    /**
     * A pruned config, and for each cell (by index) the layers of the original block it keeps, in order: layer
     * {@code m} of the pruned block is layer {@code keptLayers.get(cell).get(m)} of the original.
     */
    public record Pruned(SmartNetConfig config, List<List<Integer>> keptLayers) {
        public Pruned {
            keptLayers = keptLayers.stream().map(List::copyOf).toList();
        }
    }

    /** A Smart Connection or a layer that may be taken out, with its importance. */
    private record Item(int cell, int from, boolean layer, double value) {
    }

    /**
     * {@code config} with its least used Smart Connections and layers taken out, least used first, as long as what is
     * taken out adds up to at most {@code 1 - keep} of the importance of everything that could be (every Smart
     * Connection and every layer; structural inputs are not genes and stay). A block that loses a layer is one layer
     * shallower, its other layers keeping their order; one that loses every layer is pruned. The config is canonical,
     * and so valid in any space that held {@code config}; it is never deeper nor reads more, and is smaller but for one
     * case: an exit whose block has no layers reads the block's inputs, and without its one Smart Connection a
     * structural one, which may be wider. Conservative: when everything is used about alike, a small
     * network loses nothing.
     *
     * @param importance the importance measured on {@code config}'s trained network
     * @param keep       the share of the importance to keep, 0 to 1 (1 takes out only what is never used)
     * @throws IllegalArgumentException if {@code keep} is not in 0..1
     */
    public static Pruned prune(SmartNetConfig config, Importance importance, double keep) {
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep is a share of the importance, 0 to 1, not " + keep);
        }
        List<Item> items = items(importance);
        double allowed = (1 - keep) * items.stream().mapToDouble(Item::value).sum();
        double taken = 0;
        int count = 0;
        while (count < items.size() && taken + items.get(count).value() <= allowed) {
            taken += items.get(count++).value();
        }
        return without(config, items.subList(0, count));
    }

    /**
     * {@code config} without the least used {@code share} of its Smart Connections and layers (rounded, and at least
     * one when it has any; structural inputs are not genes and stay): those below its own {@code share}-quantile of
     * importance, whatever the scale of the importance, which after short trainings is close to 1 everywhere. Blocks
     * lose layers and are pruned as in {@link #prune}; the config is canonical.
     *
     * @param share the share of the Smart Connections and layers to take out, 0 (only the least used one) to 1
     * @throws IllegalArgumentException if {@code share} is not in 0..1
     */
    public static Pruned leastUsed(SmartNetConfig config, Importance importance, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share is a share of the connections and layers, 0 to 1, not " + share);
        }
        List<Item> items = items(importance);
        int count = items.isEmpty() ? 0 : (int) Math.max(1, Math.round(share * items.size()));
        return without(config, items.subList(0, count));
    }

    /** Every Smart Connection and layer that may be taken out, least used first. */
    private static List<Item> items(Importance importance) {
        List<Item> items = new ArrayList<>();
        importance.connections().stream().filter(c -> !c.structural())
                .forEach(c -> items.add(new Item(c.cell(), c.from(), false, c.value())));
        importance.layers().forEach(l -> items.add(new Item(l.cell(), l.layer(), true, l.value())));
        items.sort(Comparator.comparingDouble(Item::value));
        return items;
    }

    private static Pruned without(SmartNetConfig config, List<Item> out) {
        Set<List<Integer>> connections = new HashSet<>();
        Set<List<Integer>> layers = new HashSet<>();
        for (Item item : out) {
            (item.layer() ? layers : connections).add(List.of(item.cell(), item.from()));
        }
        List<Cell> cells = new ArrayList<>();
        List<List<Integer>> kept = new ArrayList<>();
        for (Cell cell : config.cells()) {
            List<Integer> from = cell.from().stream().filter(slot -> !connections.contains(List.of(cell.index(),
                    slot))).toList();
            List<Integer> remaining = IntStream.range(0, cell.depth())
                    .filter(l -> !layers.contains(List.of(cell.index(), l))).boxed().toList();
            cells.add(new Cell(cell.row(), cell.col(), remaining.size(), from));
            kept.add(remaining);
        }
        return new Pruned(new SmartNetConfig(config.input(), config.classes(), config.stem(), config.bottleneck(),
                config.size(), config.growth(), cells, config.base()).canonical(), kept);
    }
}
