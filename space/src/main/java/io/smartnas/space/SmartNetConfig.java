package io.smartnas.space;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SmartNet, immutable and valid by construction: every rule of the specification is checked here, so a config
 * that exists is a network that can be built. Besides what the config file states (input, classes, stem, bottleneck,
 * base, size, growth per row, cells) it answers what the network derives from it: resolution level per row, channels and
 * level of every slot, and the view (source slots) of every cell.
 *
 * <p>Equality is on the stated fields; two configs that differ only in inactive fields are different configs with the
 * same {@link #canonical()} form and the same {@link #id()}.
 */
public final class SmartNetConfig {
    /** The only config-file format this version reads and writes. */
    public static final String FORMAT = "smartnet/1";
    /** Factor of the 1x1 bottleneck convolution when a config does not say. */
    public static final int DEFAULT_BOTTLENECK = 4;
    /**
     * Bounds checked before anything is computed, so that no config can make the cost model or the network builder
     * run for long or allocate much: the most exits, layers per Smart Block, stem channels, growth rate per row,
     * bottleneck factor and classes. With all of them at their bounds the cost model still counts in {@code long}
     * without overflow and answers in milliseconds.
     */
    public static final int MAX_SIZE = 8;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_STEM = 512;
    public static final int MAX_GROWTH = 256;
    public static final int MAX_BOTTLENECK = 8;
    public static final int MAX_CLASSES = 10_000;

    private final InputShape input;
    private final int classes;
    private final int stem;
    private final int bottleneck;
    private final int size;
    private final List<Integer> growth;
    private final List<Cell> cells;
    private final int base;
    private final int levels;
    private final int[] slotChannels;
    private final List<List<Integer>> views;

    /**
     * A network whose first row runs at full resolution ({@code base} 0).
     *
     * @throws InvalidConfigException naming the first field that breaks a rule of the specification
     */
    public SmartNetConfig(InputShape input, int classes, int stem, int bottleneck, int size, List<Integer> growth,
                          List<Cell> cells) {
        this(input, classes, stem, bottleneck, size, growth, cells, 0);
    }

    /**
     * @param base the resolution level of the grid's first row, 0..{@link InputShape#levels()}
     * @throws InvalidConfigException naming the first field that breaks a rule of the specification
     */
    public SmartNetConfig(InputShape input, int classes, int stem, int bottleneck, int size, List<Integer> growth,
                          List<Cell> cells, int base) {
        this.input = Objects.requireNonNull(input, "input");
        this.classes = classes;
        this.stem = stem;
        this.bottleneck = bottleneck;
        this.size = size;
        this.growth = List.copyOf(growth);
        this.cells = List.copyOf(cells);
        this.base = base;
        checkScalars();
        checkCells();
        checkGrowth();
        this.levels = input.levels();
        if (base < 0 || base > levels) {
            throw new InvalidConfigException("base", "must be a resolution level from 0 to " + levels + " (the levels "
                    + "of a " + input.height() + "x" + input.width() + " input), got " + base);
        }
        this.slotChannels = computeSlotChannels();
        this.views = computeViews();
    }

    private void checkScalars() {
        if (classes < 2) {
            throw new InvalidConfigException("classes", "must be at least 2, got " + classes);
        }
        atMost("classes", classes, MAX_CLASSES);
        if (stem < 1) {
            throw new InvalidConfigException("stem", "must be a positive number of channels, got " + stem);
        }
        atMost("stem", stem, MAX_STEM);
        if (bottleneck < 1) {
            throw new InvalidConfigException("bottleneck", "must be a positive factor, got " + bottleneck);
        }
        atMost("bottleneck", bottleneck, MAX_BOTTLENECK);
        if (size < 1) {
            throw new InvalidConfigException("size", "must be at least 1 (one exit), got " + size);
        }
        atMost("size", size, MAX_SIZE);
    }

    /** Refuses a value above the bound SmartNAS builds networks within. */
    static void atMost(String field, long value, long bound) {
        if (value > bound) {
            throw new InvalidConfigException(field, "must be at most " + bound + " (the bound SmartNAS builds "
                    + "networks within), got " + value);
        }
    }

    private void checkCells() {
        if (cells.size() != Grid.cellCount(size)) {
            throw new InvalidConfigException("cells", "size " + size + " needs " + Grid.cellCount(size)
                    + " cells (every cell of the triangle, in cell order), got " + cells.size());
        }
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            String field = "cells[" + i + "]";
            int row = Grid.row(i);
            int col = Grid.col(i);
            if (cell.row() != row || cell.col() != col) {
                throw new InvalidConfigException(field, "cells must be listed in cell order; expected (row " + row
                        + ", col " + col + "), got (row " + cell.row() + ", col " + cell.col() + ")");
            }
            if (cell.depth() < 0) {
                throw new InvalidConfigException(field + ".depth", "must not be negative, got " + cell.depth());
            }
            atMost(field + ".depth", cell.depth(), MAX_DEPTH);
            checkFrom(field + ".from", cell);
        }
    }

    private static void checkFrom(String field, Cell cell) {
        List<Integer> structural = Grid.structuralSlots(cell.row(), cell.col());
        Set<Integer> seen = new HashSet<>();
        int previous = -1;
        for (int slot : cell.from()) {
            if (slot < 0 || slot >= cell.slot()) {
                throw new InvalidConfigException(field, "slot " + slot + " is not earlier than cell (" + cell.row()
                        + ", " + cell.col() + "), whose own slot is " + cell.slot()
                        + "; a Smart Connection reads slots 0.." + (cell.slot() - 1));
            }
            if (!seen.add(slot)) {
                throw new InvalidConfigException(field, "slot " + slot + " is listed twice");
            }
            if (structural.contains(slot)) {
                throw new InvalidConfigException(field, "slot " + slot + " is a structural input of cell ("
                        + cell.row() + ", " + cell.col() + ") and is implied; do not list it");
            }
            if (slot < previous) {
                throw new InvalidConfigException(field, "slots must be listed in increasing order, got " + cell.from());
            }
            previous = slot;
        }
    }

    private void checkGrowth() {
        if (growth.size() != size) {
            throw new InvalidConfigException("growth", "needs one entry per row (size " + size + "), got "
                    + growth.size());
        }
        for (int r = 0; r < size; r++) {
            int k = growth.get(r);
            if (k < 0) {
                throw new InvalidConfigException("growth[" + r + "]", "must not be negative, got " + k);
            }
            atMost("growth[" + r + "]", k, MAX_GROWTH);
            if (k == 0 && blocksInRow(r) > 0) {
                throw new InvalidConfigException("growth[" + r + "]", "must be positive: row " + r + " has "
                        + blocksInRow(r) + " block(s)");
            }
        }
    }

    private int[] computeSlotChannels() {
        int[] channels = new int[1 + cells.size()];
        channels[0] = stem;
        for (Cell cell : cells) {
            channels[cell.slot()] = cell.depth() * growth.get(cell.row());
        }
        return channels;
    }

    private List<List<Integer>> computeViews() {
        List<List<Integer>> result = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            TreeSet<Integer> sources = new TreeSet<>(Grid.structuralSlots(cell.row(), cell.col()));
            sources.addAll(cell.from());
            sources.removeIf(slot -> slotChannels[slot] == 0);
            result.add(sources.isEmpty() ? List.of(0) : List.copyOf(sources));
        }
        return List.copyOf(result);
    }

    public InputShape input() {
        return input;
    }

    public int classes() {
        return classes;
    }

    /** Channels of the stem convolution. */
    public int stem() {
        return stem;
    }

    /** Factor of the 1x1 convolution of every Smart Block layer. */
    public int bottleneck() {
        return bottleneck;
    }

    /** T: the number of exits, rows and columns of the triangle. */
    public int size() {
        return size;
    }

    /** Growth rate per row, {@code size} entries. */
    public List<Integer> growth() {
        return growth;
    }

    /** Every cell of the triangle, in cell order. */
    public List<Cell> cells() {
        return cells;
    }

    public Cell cell(int row, int col) {
        return cells.get(Grid.index(row, col));
    }

    /** Resolution levels below full size (see {@link InputShape#levels()}). */
    public int levels() {
        return levels;
    }

    /**
     * The resolution level of the grid's first row: the stem's output is average-pooled to it, and row {@code r} runs
     * at level {@code min(r + base, levels)}. 0, full resolution, for every network made before the gene existed.
     */
    public int base() {
        return base;
    }

    /** Resolution level of row {@code row}: {@code min(row + base, levels)}. */
    public int level(int row) {
        return Math.min(row + base, levels);
    }

    /** Slots of the feature matrix: the stem's and one per cell. */
    public int slotCount() {
        return slotChannels.length;
    }

    /** Channels held by {@code slot}; 0 for the slot of a pruned cell. */
    public int slotChannels(int slot) {
        return slotChannels[slot];
    }

    /** Resolution level of {@code slot}: {@link #base()} for the stem's (pooled) output, the row's level for a cell. */
    public int slotLevel(int slot) {
        return slot == 0 ? base : level(Grid.row(slot - 1));
    }

    /**
     * Source slots of the view of cell {@code index}, in slot order: every non-empty structural or connected slot,
     * or the stem alone when all of them are empty.
     */
    public List<Integer> view(int index) {
        return views.get(index);
    }

    /** Channels of the view of cell {@code index}. */
    public int viewChannels(int index) {
        int sum = 0;
        for (int slot : views.get(index)) {
            sum += slotChannels[slot];
        }
        return sum;
    }

    /**
     * The first channel of {@code slot} in the view of cell {@code index} (the view concatenates its slots in order).
     *
     * @throws IllegalArgumentException if that view does not hold the slot
     */
    public int viewOffset(int index, int slot) {
        int offset = 0;
        for (int source : views.get(index)) {
            if (source == slot) {
                return offset;
            }
            offset += slotChannels[source];
        }
        throw new IllegalArgumentException("the view of cell " + index + " does not hold slot " + slot);
    }

    /** Channels read by exit {@code exit}: the view of the diagonal cell and its own slot. */
    public int exitChannels(int exit) {
        int index = Grid.index(exit, exit);
        return viewChannels(index) + slotChannels[Grid.slot(index)];
    }

    /** Smart Blocks in the triangle: cells with depth above 0. */
    public int blocks() {
        return (int) cells.stream().filter(cell -> !cell.pruned()).count();
    }

    /** Smart Blocks in row {@code row}. */
    public int blocksInRow(int row) {
        return (int) cells.stream().filter(cell -> cell.row() == row && !cell.pruned()).count();
    }

    /** Smart Blocks in column {@code col}. */
    public int blocksInColumn(int col) {
        return (int) cells.stream().filter(cell -> cell.col() == col && !cell.pruned()).count();
    }

    /**
     * The canonical form: the same network with every inactive field set to its neutral value. A field is inactive
     * when no value of it changes the network: the growth of a row without blocks (0), the Smart Connections of a
     * pruned cell off the diagonal (its view is never computed), connections from empty slots, and a connection
     * from the stem when every other source of the cell is empty (the view falls back to the stem anyway).
     */
    public SmartNetConfig canonical() {
        List<Integer> canonicalGrowth = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            canonicalGrowth.add(blocksInRow(r) == 0 ? 0 : growth.get(r));
        }
        List<Cell> canonicalCells = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            canonicalCells.add(new Cell(cell.row(), cell.col(), cell.depth(), activeFrom(cell)));
        }
        return new SmartNetConfig(input, classes, stem, bottleneck, size, canonicalGrowth, canonicalCells, base);
    }

    private List<Integer> activeFrom(Cell cell) {
        if (cell.pruned() && !cell.diagonal()) {
            return List.of();
        }
        List<Integer> active = new ArrayList<>();
        for (int slot : cell.from()) {
            if (slot != 0 && slotChannels[slot] > 0) {
                active.add(slot);
            }
        }
        boolean structuralNonEmpty = Grid.structuralSlots(cell.row(), cell.col()).stream()
                .anyMatch(slot -> slotChannels[slot] > 0);
        if (cell.from().contains(0) && (structuralNonEmpty || !active.isEmpty())) {
            active.add(0, 0);
        }
        return active;
    }

    /**
     * The network of the first {@code exits} exits: columns {@code 0..exits-1}, which are the first cells in cell
     * order. Every cell keeps its index, slot and view, so a prefix computes exactly what the whole network computes
     * at those exits, with the parameters of exit groups {@code 0..exits-1} and no others.
     *
     * @throws IllegalArgumentException if {@code exits} is not in {@code 1..size}
     */
    public SmartNetConfig prefix(int exits) {
        if (exits < 1 || exits > size) {
            throw new IllegalArgumentException("a prefix keeps 1.." + size + " exits, not " + exits);
        }
        return new SmartNetConfig(input, classes, stem, bottleneck, exits, growth.subList(0, exits),
                cells.subList(0, Grid.cellCount(exits)), base);
    }

    /**
     * How many leading exit groups this network shares with {@code other}: the largest {@code g} whose networks of the
     * first {@code g} exits are equal ({@link #prefix}), 0 when not even the first exits are. Those groups have the
     * same parameters computing the same function of the image, so one network can start from the other's trained
     * values for them; networks of different {@link #base()} share none, since the same weights would see the image
     * at another resolution.
     */
    public int sharedExitGroups(SmartNetConfig other) {
        int most = Math.min(size, other.size);
        int g = 0;
        while (g < most && prefix(g + 1).equals(other.prefix(g + 1))) {
            g++;
        }
        return g;
    }

    /**
     * This network with one more column and exit: a new row of growth rate {@code growthRate} (null: the last row's
     * that grows) and a Smart Block of {@code depth} layers in every row of the new column, reading no earlier block.
     * The first columns, and so the first exits, are this network's.
     *
     * @throws InvalidConfigException if the grown network is not valid
     */
    public SmartNetConfig grown(int depth, Integer growthRate) {
        int grownSize = size + 1;
        List<Integer> rows = new ArrayList<>(growth);
        // Row 0 always holds the first exit's block, so some row grows.
        rows.add(growthRate != null ? growthRate
                : growth.stream().filter(k -> k > 0).reduce((a, b) -> b).orElseThrow());
        List<Cell> grownCells = new ArrayList<>(cells);
        for (int r = 0; r < grownSize; r++) {
            grownCells.add(new Cell(r, grownSize - 1, depth, List.of()));
        }
        return new SmartNetConfig(input, classes, stem, bottleneck, grownSize, rows, grownCells, base);
    }

    /** The stable id of the network: equal for configs with equal canonical forms, on every machine and JVM. */
    public String id() {
        return ConfigId.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmartNetConfig other
                && classes == other.classes && stem == other.stem && bottleneck == other.bottleneck
                && size == other.size && base == other.base && input.equals(other.input)
                && growth.equals(other.growth) && cells.equals(other.cells);
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, classes, stem, bottleneck, size, growth, cells, base);
    }

    @Override
    public String toString() {
        return "SmartNetConfig[" + ConfigId.canonicalText(this) + "]";
    }
}
