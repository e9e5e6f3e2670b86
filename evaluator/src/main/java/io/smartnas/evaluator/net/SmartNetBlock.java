package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SmartNet built from its config: the stem, a {@link SmartBlock} per unpruned cell and an exit head per column.
 * {@link #forward(ParameterStore, NDArray, boolean, int, int)} computes column by column and returns the logits of
 * the first {@code exits} exits; the plain {@code forward} returns every exit. Convolution and linear weights start
 * from He-normal initialisation, batch norm from identity.
 */
public final class SmartNetBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final SmartNetConfig config;
    private final Block stem;
    private final Map<Integer, Block> cells = new HashMap<>();
    private final List<Block> heads = new ArrayList<>();

    public SmartNetBlock(SmartNetConfig config) {
        super(VERSION);
        this.config = Objects.requireNonNull(config, "config");
        stem = addChildBlock("stem", Conv2d.builder().setFilters(config.stem()).setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1)).optBias(false).build());
        for (int c = 0; c < config.size(); c++) {
            for (int r = 0; r <= c; r++) {
                Cell cell = config.cell(r, c);
                if (!cell.pruned()) {
                    cells.put(cell.index(), addChildBlock("cell" + cell.index(),
                            new SmartBlock(cell.depth(), config.growth().get(r), config.bottleneck())));
                }
            }
            heads.add(addChildBlock("head" + c, ExitHead.of(config.classes())));
        }
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN,
                2), Parameter.Type.WEIGHT);
    }

    public SmartNetConfig config() {
        return config;
    }

    /**
     * The blocks of exit group {@code group}, in a fixed order: the stem (group 0 only), the cells of column
     * {@code group} top to bottom, and head {@code group}.
     */
    public List<Block> group(int group) {
        List<Block> blocks = new ArrayList<>();
        if (group == 0) {
            blocks.add(stem);
        }
        for (int r = 0; r <= group; r++) {
            Block cell = cells.get(Grid.index(r, group));
            if (cell != null) {
                blocks.add(cell);
            }
        }
        blocks.add(heads.get(group));
        return blocks;
    }

    /** The stem convolution. */
    Block stem() {
        return stem;
    }

    /** The Smart Block of the cell of index {@code index}, or null when it is pruned. */
    SmartBlock cell(int index) {
        return (SmartBlock) cells.get(index);
    }

    /**
     * Every slot of the feature matrix for {@code images}, in inference mode (null where a slot is empty): what the
     * cells' views and the exits read.
     */
    NDArray[] slots(ParameterStore store, NDArray images) {
        NDArray[] slots = new NDArray[config.slotCount()];
        slots[0] = stemOutput(store, images, false);
        for (int c = 0; c < config.size(); c++) {
            column(store, slots, c, false, false);
        }
        return slots;
    }

    /** The head of exit {@code exit}. */
    Block head(int exit) {
        return heads.get(exit);
    }

    /**
     * The top modules under the names that {@code bench/pytorch_smartnet.py}'s SmartNet gives them: {@code stem},
     * {@code blocks.I} for the unpruned cell of index {@code I}, {@code heads.C} for exit {@code C}; in that order.
     */
    Map<String, Block> torchModules() {
        Map<String, Block> modules = new LinkedHashMap<>();
        modules.put("stem", stem);
        cells.keySet().stream().sorted().forEach(index -> modules.put("blocks." + index, cells.get(index)));
        for (int c = 0; c < heads.size(); c++) {
            modules.put("heads." + c, heads.get(c));
        }
        return modules;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return forward(store, inputs.singletonOrThrow(), training, config.size(), 0);
    }

    /**
     * Logits of exits {@code 0..exits-1}, one array of shape (batch, classes) each.
     *
     * @param training  whether this is a training pass
     * @param exits     how many exits (columns) to compute
     * @param trainFrom the first exit group that trains; earlier groups run as in inference (frozen batch norm), as
     *                  exit-by-exit training needs
     */
    public NDList forward(ParameterStore store, NDArray images, boolean training, int exits, int trainFrom) {
        return run(store, images, training, exits, trainFrom, true);
    }

    /**
     * Logits of exit {@code exit} alone, in inference mode: the stem, columns {@code 0..exit} and head {@code exit},
     * none of the earlier heads. This is what running a model to that exit costs.
     */
    public NDArray forwardExit(ParameterStore store, NDArray images, int exit) {
        return run(store, images, false, exit + 1, 0, false).singletonOrThrow();
    }

    private NDList run(ParameterStore store, NDArray images, boolean training, int exits, int trainFrom,
                       boolean everyHead) {
        NDArray[] slots = new NDArray[config.slotCount()];
        slots[0] = stemOutput(store, images, training && trainFrom == 0);
        NDList logits = new NDList(exits);
        for (int c = 0; c < exits; c++) {
            NDArray exit = column(store, slots, c, training && c >= trainFrom, everyHead || c == exits - 1);
            if (exit != null) {
                logits.add(exit);
            }
        }
        return logits;
    }

    /**
     * Computes the cells of column {@code c} into {@code slots}, and the logits of head {@code c} when {@code head}
     * (else returns null). Columns must be computed in order, the stem first.
     */
    private NDArray column(ParameterStore store, NDArray[] slots, int c, boolean trains, boolean head) {
        NDArray logits = null;
        for (int r = 0; r <= c; r++) {
            Cell cell = config.cell(r, c);
            Block block = cells.get(cell.index());
            if (block == null && !(cell.diagonal() && head)) {
                continue;
            }
            NDArray view = view(slots, cell);
            if (block != null) {
                slots[cell.slot()] = block.forward(store, new NDList(view), trains).singletonOrThrow();
            }
            if (cell.diagonal() && head) {
                NDArray state = block == null ? view : view.concat(slots[cell.slot()], 1);
                logits = heads.get(c).forward(store, new NDList(state), trains).singletonOrThrow();
            }
        }
        return logits;
    }

    /**
     * An inference pass that computes one column at a time, for anytime inference: each {@link Columns#next()} runs
     * the next column and returns its exit's logits, so a caller stops as soon as an exit is confident enough.
     */
    public Columns columns(ParameterStore store, NDArray images) {
        NDArray[] slots = new NDArray[config.slotCount()];
        slots[0] = stemOutput(store, images, false);
        return new Columns(store, slots);
    }

    /** Slot 0: the stem's convolution at full resolution, average-pooled to the base level. */
    private NDArray stemOutput(ParameterStore store, NDArray images, boolean training) {
        NDArray full = stem.forward(store, new NDList(images), training).singletonOrThrow();
        return Resize.toLevel(full, 0, config.base());
    }

    /** The columns of one inference pass, computed on demand. */
    public final class Columns {
        private final ParameterStore store;
        private final NDArray[] slots;
        private int next;

        private Columns(ParameterStore store, NDArray[] slots) {
            this.store = store;
            this.slots = slots;
        }

        public boolean hasNext() {
            return next < config.size();
        }

        /** The logits of the next exit, after computing its column. */
        public NDArray next() {
            if (!hasNext()) {
                throw new IllegalStateException("every column was computed");
            }
            return column(store, slots, next++, false, true);
        }
    }

    private NDArray view(NDArray[] slots, Cell cell) {
        int level = config.level(cell.row());
        List<Integer> sources = config.view(cell.index());
        NDList maps = new NDList(sources.size());
        for (int source : sources) {
            maps.add(Resize.toLevel(slots[source], config.slotLevel(source), level));
        }
        return maps.size() == 1 ? maps.head() : NDArrays.concat(maps, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] outputs = new Shape[config.size()];
        for (int c = 0; c < outputs.length; c++) {
            outputs[c] = new Shape(inputs[0].get(0), config.classes());
        }
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        InputShape in = config.input();
        stem.initialize(manager, dataType, inputShapes[0]);
        for (Map.Entry<Integer, Block> cell : cells.entrySet()) {
            int index = cell.getKey();
            cell.getValue().initialize(manager, dataType, map(batch, config.viewChannels(index), in,
                    config.level(Grid.row(index))));
        }
        for (int c = 0; c < heads.size(); c++) {
            heads.get(c).initialize(manager, dataType, map(batch, config.exitChannels(c), in, config.level(c)));
        }
    }

    private static Shape map(long batch, long channels, InputShape in, int level) {
        return new Shape(batch, channels, in.height(level), in.width(level));
    }
}
