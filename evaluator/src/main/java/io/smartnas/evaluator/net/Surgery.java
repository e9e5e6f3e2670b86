package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.importance.Pruning;

import java.util.ArrayList;
import java.util.List;

import static io.smartnas.evaluator.net.Parameters.child;
import static io.smartnas.evaluator.net.Parameters.set;
import static io.smartnas.evaluator.net.Parameters.values;

/**
 * Moves a trained network's parameters into its pruned form ({@link Pruning}): the stem, and every layer and exit the
 * pruned network keeps, take the parameters they had; each reader of feature maps (a layer's first batch norm and
 * 1x1 convolution, an exit's batch norm and linear layer) keeps those of the input channels the pruned network still
 * feeds it. Where the pruned network reads a channel the original did not (a view left with no source falls back to
 * the stem), the reader keeps its fresh initial values.
 */
public final class Surgery {
    private static final List<String> BATCH_NORM = List.of("gamma", "beta", "runningMean", "runningVar");

    private Surgery() {
    }

    /**
     * @param original the trained network
     * @param pruned   what {@link Pruning#prune} made of its config
     * @param into     an initialized network of {@code pruned.config()}, overwritten
     */
    public static void transplant(SmartNetBlock original, Pruning.Pruned pruned, SmartNetBlock into) {
        SmartNetConfig a = original.config();
        SmartNetConfig b = into.config();
        copy(original.stem(), into.stem());
        for (Cell cell : b.cells()) {
            int index = cell.index();
            List<Integer> kept = pruned.keptLayers().get(index);
            List<Integer> view = view(a, b, pruned, index);
            SmartBlock target = into.cell(index);
            for (int m = 0; target != null && m < kept.size(); m++) {
                Block from = original.cell(index).layers().get(kept.get(m));
                Block to = target.layers().get(m);
                List<Integer> channels = new ArrayList<>(view);
                channels.addAll(own(a, index, kept.subList(0, m)));
                reader(child(from, 0), child(from, 2), child(to, 0), child(to, 2), channels);
                copy(child(from, 3), child(to, 3));
                copy(child(from, 5), child(to, 5));
            }
            if (cell.diagonal()) {
                Block from = original.head(cell.col());
                Block to = into.head(cell.col());
                List<Integer> channels = new ArrayList<>(view);
                channels.addAll(own(a, index, kept));
                reader(child(from, 0), child(from, 3), child(to, 0), child(to, 3), channels);
                set(child(to, 3), "bias", values(child(from, 3), "bias"));
            }
        }
    }

    /**
     * For each input channel of the pruned cell's view, the channel of the original cell's view it was, or -1: each
     * source slot keeps the channels of the layers its cell kept.
     */
    private static List<Integer> view(SmartNetConfig a, SmartNetConfig b, Pruning.Pruned pruned, int index) {
        List<Integer> channels = new ArrayList<>();
        for (int slot : b.view(index)) {
            int offset = a.view(index).contains(slot) ? a.viewOffset(index, slot) : -1;
            if (slot == 0) {
                for (int t = 0; t < b.slotChannels(0); t++) {
                    channels.add(offset < 0 ? -1 : offset + t);
                }
                continue;
            }
            int source = slot - 1;
            int growth = a.growth().get(Grid.row(source));
            for (int layer : pruned.keptLayers().get(source)) {
                for (int t = 0; t < growth; t++) {
                    channels.add(offset < 0 ? -1 : offset + layer * growth + t);
                }
            }
        }
        return channels;
    }

    /** The original channels of the given layers' outputs, as the cell's own later readers see them. */
    private static List<Integer> own(SmartNetConfig a, int index, List<Integer> layers) {
        int growth = a.growth().get(Grid.row(index));
        int view = a.viewChannels(index);
        List<Integer> channels = new ArrayList<>();
        for (int layer : layers) {
            for (int t = 0; t < growth; t++) {
                channels.add(view + layer * growth + t);
            }
        }
        return channels;
    }

    /** A reader's batch norm and weights, input channel {@code c} of the new one taken from {@code channels[c]}. */
    private static void reader(Block normFrom, Block weightsFrom, Block normTo, Block weightsTo,
                               List<Integer> channels) {
        for (String name : BATCH_NORM) {
            float[] from = values(normFrom, name);
            float[] to = values(normTo, name);
            for (int c = 0; c < channels.size(); c++) {
                if (channels.get(c) >= 0) {
                    to[c] = from[channels.get(c)];
                }
            }
            set(normTo, name, to);
        }
        NDArray source = weightsFrom.getParameters().get("weight").getArray();
        int inputs = (int) source.getShape().get(1);
        int inner = (int) (source.getShape().size() / source.getShape().get(0) / inputs);
        float[] from = source.toFloatArray();
        float[] to = values(weightsTo, "weight");
        int outputs = to.length / (channels.size() * inner);
        for (int o = 0; o < outputs; o++) {
            for (int c = 0; c < channels.size(); c++) {
                if (channels.get(c) >= 0) {
                    System.arraycopy(from, (o * inputs + channels.get(c)) * inner, to, (o * channels.size() + c) * inner,
                            inner);
                }
            }
        }
        set(weightsTo, "weight", to);
    }

    /** Every parameter of {@code from} into the block of the same shape {@code to}. */
    private static void copy(Block from, Block to) {
        for (Pair<String, Parameter> p : from.getParameters()) {
            to.getParameters().get(p.getKey()).getArray().set(p.getValue().getArray().toFloatArray());
        }
    }
}
