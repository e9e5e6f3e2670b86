package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.smartnas.space.Cell;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.importance.Importance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Importance} of a trained network's inputs and layers, from its parameters and one inference pass over
 * sample images. Each reader of feature maps (a Smart Block layer's first batch norm and 1x1 convolution; an exit's
 * batch norm and linear layer) weighs input channel {@code c} by {@code |gamma_c| std(x_c) / sqrt(var_c + eps)
 * ||w_c||}: the spread over the images of what its batch norm passes on (in inference, with its running variance
 * {@code var_c}), times the norm of the weights that read it. A channel constant over the data, as one the network
 * does not use is, passes on nothing but a bias and weighs 0, whatever its scale; a channel the next weights ignore
 * weighs 0 too. Weights are divided by the reader's mean weight; an input's importance is the mean over its
 * channels, averaged over its readers.
 */
public final class ImportanceMeter {
    /** DJL's batch-norm epsilon. */
    private static final double EPSILON = 1e-5;

    private ImportanceMeter() {
    }

    /** Where a reader's input channels come from: the view's slots in order, then the block's earlier layers. */
    private record Reader(int cell, double[] weights) {
    }

    /**
     * @param images a batch of sample images (validation images), in the manager intermediate results go to
     */
    public static Importance of(SmartNetBlock net, ParameterStore store, NDArray images) {
        SmartNetConfig config = net.config();
        NDArray[] slots = net.slots(store, images);
        Map<Integer, List<Reader>> readers = new HashMap<>();
        for (Cell cell : config.cells()) {
            List<Reader> list = new ArrayList<>();
            SmartBlock block = net.cell(cell.index());
            double[] spread = block == null && !cell.diagonal() ? new double[0] : spread(config, slots, cell);
            if (block != null) {
                for (Block layer : block.layers()) {
                    list.add(new Reader(cell.index(), weights(layer.getChildren().get(0).getValue(),
                            layer.getChildren().get(2).getValue(), spread)));
                }
            }
            if (cell.diagonal()) {
                Block head = net.head(cell.col());
                list.add(new Reader(cell.index(), weights(head.getChildren().get(0).getValue(),
                        head.getChildren().get(3).getValue(), spread)));
            }
            readers.put(cell.index(), list);
        }
        List<Importance.Connection> connections = new ArrayList<>();
        List<Importance.Layer> layers = new ArrayList<>();
        for (Cell cell : config.cells()) {
            List<Reader> own = readers.get(cell.index());
            if (!own.isEmpty()) {
                for (int slot : config.view(cell.index())) {
                    int from = config.viewOffset(cell.index(), slot);
                    connections.add(new Importance.Connection(cell.index(), slot,
                            !cell.from().contains(slot),
                            mean(own, from, config.slotChannels(slot))));
                }
            }
            int growth = cell.pruned() ? 0 : config.growth().get(cell.row());
            int view = config.viewChannels(cell.index());
            for (int l = 0; l < cell.depth(); l++) {
                // Read by the block's later layers and its exit, and by every cell whose view holds this slot.
                List<double[]> ranges = new ArrayList<>();
                for (int r = l + 1; r < own.size(); r++) {
                    ranges.add(range(own.get(r).weights(), view + l * growth, growth));
                }
                for (Cell other : config.cells()) {
                    if (other.index() != cell.index() && config.view(other.index()).contains(cell.slot())) {
                        int at = config.viewOffset(other.index(), cell.slot()) + l * growth;
                        readers.get(other.index()).forEach(reader -> ranges.add(range(reader.weights(), at, growth)));
                    }
                }
                layers.add(new Importance.Layer(cell.index(), l, ranges.stream()
                        .mapToDouble(ImportanceMeter::mean).average().orElse(0)));
            }
        }
        return new Importance(connections, layers);
    }

    /** The mean over readers of each one's mean weight on channels {@code from..from+count-1}. */
    private static double mean(List<Reader> readers, int from, int count) {
        return readers.stream().mapToDouble(r -> mean(range(r.weights(), from, count))).average().orElse(0);
    }

    private static double[] range(double[] weights, int from, int count) {
        double[] part = new double[count];
        System.arraycopy(weights, from, part, 0, count);
        return part;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /**
     * The spread (standard deviation over images and positions) of every channel the cell's readers read: its view's
     * slots, each at the cell's level, then its own slot (its layers' outputs, which its later layers and its exit
     * read).
     */
    private static double[] spread(SmartNetConfig config, NDArray[] slots, Cell cell) {
        int level = config.level(cell.row());
        List<NDArray> maps = new ArrayList<>();
        for (int source : config.view(cell.index())) {
            maps.add(Resize.toLevel(slots[source], config.slotLevel(source), level));
        }
        if (!cell.pruned()) {
            maps.add(slots[cell.slot()]);
        }
        List<Double> spread = new ArrayList<>();
        for (NDArray map : maps) {
            NDArray channels = byChannel(map);
            NDArray centred = channels.sub(channels.mean(new int[] {1}, true));
            for (float s : centred.square().mean(new int[] {1}).sqrt().toFloatArray()) {
                spread.add((double) s);
            }
        }
        return spread.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Feature maps (batch, channels, height, width) as one row per channel. */
    private static NDArray byChannel(NDArray maps) {
        return maps.swapAxes(0, 1).reshape(maps.getShape().get(1), -1);
    }

    /**
     * Each input channel's weight in a reader of the first {@code gamma.length} of {@code spread}'s channels, divided
     * by the reader's mean (all zeros stay zeros).
     */
    private static double[] weights(Block batchNorm, Block reading, double[] spread) {
        float[] gamma = batchNorm.getParameters().get("gamma").getArray().toFloatArray();
        float[] variance = batchNorm.getParameters().get("runningVar").getArray().toFloatArray();
        // The norm of the weights that read each input channel (axis 1 of a convolution's or a linear layer's weight),
        // in Java: nothing is allocated on the model's engine.
        NDArray weight = reading.getParameters().get("weight").getArray();
        long inputs = weight.getShape().get(1);
        long inner = weight.getShape().size() / weight.getShape().get(0) / inputs;
        float[] w = weight.toFloatArray();
        double[] norms = new double[(int) inputs];
        for (int i = 0; i < w.length; i++) {
            norms[(int) (i / inner % inputs)] += (double) w[i] * w[i];
        }
        double[] weights = new double[gamma.length];
        double total = 0;
        for (int c = 0; c < gamma.length; c++) {
            weights[c] = Math.abs(gamma[c]) * spread[c] / Math.sqrt(variance[c] + EPSILON) * Math.sqrt(norms[c]);
            total += weights[c];
        }
        double mean = total / gamma.length;
        for (int c = 0; c < weights.length && mean > 0; c++) {
            weights[c] /= mean;
        }
        return weights;
    }
}
