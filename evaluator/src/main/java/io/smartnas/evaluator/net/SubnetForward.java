package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.supernet.SubnetChannels;

import java.util.List;
import java.util.stream.IntStream;

import static io.smartnas.evaluator.net.Parameters.child;

/**
 * A sub-network run on its supernet's own parameters, with no copy: every convolution, batch norm and linear layer of
 * the sub-network takes the supernet's parameters at the channels {@link SubnetChannels} names (an indexed view, so a
 * gradient reaches exactly those channels of the supernet's parameters), through DJL's functional operators. What it
 * computes is what the sub-network cut out by {@link Extraction} computes. Batch norm's running statistics are read,
 * never updated: a supernet's sub-networks recalibrate their own before they are measured. One forward pass at a time.
 */
public final class SubnetForward {
    /** DJL's batch norm defaults, which the supernet's batch norm layers were built with. */
    private static final float EPSILON = 1e-5f;
    private static final float MOMENTUM = 0.9f;

    private final SmartNetBlock supernet;
    private final SmartNetConfig sub;
    private final SubnetChannels channels;
    /** The manager of the images of the forward pass under way, which owns every array the pass makes. */
    private NDManager scope;

    public SubnetForward(SmartNetBlock supernet, SmartNetConfig sub) {
        this.supernet = supernet;
        this.sub = sub;
        this.channels = SubnetChannels.of(supernet.config(), sub);
    }

    /**
     * The logits of every exit of the sub-network for {@code images}. Every array it makes, the slices of the
     * supernet's parameters included, belongs to the images' manager, so closing that frees them all.
     */
    public NDList forward(ParameterStore store, NDArray images, boolean training) {
        scope = images.getManager();
        NDArray[] slots = new NDArray[sub.slotCount()];
        NDArray stem = rows(value(store, supernet.stem(), "weight", training), sub.stem());
        slots[0] = Resize.toLevel(Conv2d.conv2d(images, stem, null, new Shape(1, 1), new Shape(1, 1)).head(), 0,
                sub.base());
        NDList logits = new NDList(sub.size());
        for (int c = 0; c < sub.size(); c++) {
            for (int r = 0; r <= c; r++) {
                Cell cell = sub.cell(r, c);
                if (cell.pruned() && !cell.diagonal()) {
                    continue;
                }
                NDArray view = view(slots, cell);
                if (!cell.pruned()) {
                    slots[cell.slot()] = block(store, cell, view, training);
                }
                if (cell.diagonal()) {
                    NDArray state = cell.pruned() ? view : view.concat(slots[cell.slot()], 1);
                    logits.add(head(store, c, state, training));
                }
            }
        }
        return logits;
    }

    private NDArray view(NDArray[] slots, Cell cell) {
        int level = sub.level(cell.row());
        List<Integer> sources = sub.view(cell.index());
        NDList maps = new NDList(sources.size());
        for (int source : sources) {
            maps.add(Resize.toLevel(slots[source], sub.slotLevel(source), level));
        }
        return maps.size() == 1 ? maps.head() : NDArrays.concat(maps, 1);
    }

    /** The Smart Block of {@code cell}: each layer reads the view and the earlier layers' outputs. */
    private NDArray block(ParameterStore store, Cell cell, NDArray view, boolean training) {
        int index = cell.index();
        int growth = sub.growth().get(cell.row());
        int inner = sub.bottleneck() * growth;
        List<Block> layers = supernet.cell(index).layers();
        NDList features = new NDList(view);
        NDList outputs = new NDList(cell.depth());
        for (int m = 0; m < cell.depth(); m++) {
            Block layer = layers.get(m);
            int[] inputs = channels.layerInput(index, m + 1);
            NDArray in = features.size() == 1 ? features.head() : NDArrays.concat(features, 1);
            NDArray x = Activation.relu(norm(store, child(layer, 0), in, inputs, training));
            NDArray w1 = columns(rows(value(store, child(layer, 2), "weight", training), inner), inputs);
            x = Conv2d.conv2d(x, w1).head();
            x = Activation.relu(norm(store, child(layer, 3), x, IntStream.range(0, inner).toArray(), training));
            NDArray w2 = owned(rows(value(store, child(layer, 5), "weight", training), growth).get(new NDIndex(
                    ":, :" + inner)));
            NDArray out = Conv2d.conv2d(x, w2, null, new Shape(1, 1), new Shape(1, 1)).head();
            features.add(out);
            outputs.add(out);
        }
        return outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 1);
    }

    private NDArray head(ParameterStore store, int exit, NDArray state, boolean training) {
        Block head = supernet.head(exit);
        int[] inputs = channels.exit(exit);
        NDArray x = Pool.globalAvgPool2d(Activation.relu(norm(store, child(head, 0), state, inputs, training)));
        Block linear = child(head, 3);
        return Linear.linear(x, columns(value(store, linear, "weight", training), inputs),
                value(store, linear, "bias", training)).head();
    }

    /** Batch norm with the supernet's parameters and statistics at {@code at}. */
    private NDArray norm(ParameterStore store, Block norm, NDArray x, int[] at, boolean training) {
        return BatchNorm.batchNorm(x, pick(value(store, norm, "runningMean", training), at),
                pick(value(store, norm, "runningVar", training), at), pick(value(store, norm, "gamma", training), at),
                pick(value(store, norm, "beta", training), at), 1, MOMENTUM, EPSILON, training).head();
    }

    private static NDArray value(ParameterStore store, Block block, String name, boolean training) {
        return store.getValue(block.getParameters().get(name), store.getManager().getDevice(), training);
    }

    private NDArray rows(NDArray weight, int count) {
        return owned(weight.get(new NDIndex(":" + count)));
    }

    private NDArray columns(NDArray weight, int[] at) {
        return owned(weight.get(new NDIndex(":, {}", indices(at))));
    }

    private NDArray pick(NDArray vector, int[] at) {
        return owned(vector.get(new NDIndex("{}", indices(at))));
    }

    /** A slice of a parameter, which the engine gives the parameter's manager, handed to the pass's. */
    private NDArray owned(NDArray slice) {
        slice.attach(scope);
        return slice;
    }

    /** Channel indices as the engine indexes with them (64-bit). */
    private NDArray indices(int[] at) {
        return scope.create(java.util.Arrays.stream(at).asLongStream().toArray());
    }
}
