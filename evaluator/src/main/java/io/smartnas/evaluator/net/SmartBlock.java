package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The Smart Block of one cell: layer {@code l} reads the view and every earlier layer's output; the block returns the
 * concatenation of its layers' outputs ({@code depth x growth} channels).
 */
final class SmartBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<Block> layers = new ArrayList<>();
    private final int growth;

    SmartBlock(int depth, int growth, int bottleneck) {
        super(VERSION);
        this.growth = growth;
        for (int l = 0; l < depth; l++) {
            layers.add(addChildBlock("layer" + l, DenseLayer.of(growth, bottleneck)));
        }
    }

    /** The layers, first to last. */
    List<Block> layers() {
        return java.util.Collections.unmodifiableList(layers);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList features = new NDList(inputs.singletonOrThrow());
        NDList outputs = new NDList(layers.size());
        for (Block layer : layers) {
            NDArray in = features.size() == 1 ? features.head() : NDArrays.concat(features, 1);
            NDArray out = layer.forward(store, new NDList(in), training).singletonOrThrow();
            features.add(out);
            outputs.add(out);
        }
        return new NDList(outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {new Shape(in.get(0), (long) layers.size() * growth, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).initialize(manager, dataType,
                    new Shape(in.get(0), in.get(1) + (long) l * growth, in.get(2), in.get(3)));
        }
    }
}
