package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets the running statistics of every batch norm of a network to those of a set of images, in one pass: a network cut
 * from a supernet carries statistics gathered over many sub-networks, which fit none of them. Each batch norm's
 * statistics are reset (mean 0, variance 1) and the images run once in training mode, where the engine updates them as
 * {@code 0.9 old + 0.1 batch} (DJL's momentum 0.9; the batch variance unbiased); the batch's own statistics are then
 * read back from that one update.
 */
public final class Recalibration {
    /** DJL's batch norm momentum: the weight of the old statistics in an update. */
    private static final float MOMENTUM = 0.9f;

    private Recalibration() {
    }

    /** Recalibrates every batch norm of {@code block} on {@code images}, one batch of them all. */
    public static void of(SmartNetBlock block, NDManager manager, NDArray images) {
        List<Block> norms = new ArrayList<>();
        collect(block, norms);
        for (Block norm : norms) {
            array(norm, "runningMean").set(new float[length(norm)]);
            float[] ones = new float[length(norm)];
            java.util.Arrays.fill(ones, 1f);
            array(norm, "runningVar").set(ones);
        }
        try (NDManager scope = manager.newSubManager()) {
            images.tempAttach(scope);
            block.forward(new ParameterStore(scope, false), images, true, block.config().size(), 0);
        }
        for (Block norm : norms) {
            NDArray mean = array(norm, "runningMean");
            NDArray variance = array(norm, "runningVar");
            mean.set(mean.div(1 - MOMENTUM).toFloatArray());
            variance.set(variance.sub(MOMENTUM).div(1 - MOMENTUM).toFloatArray());
        }
    }

    private static void collect(Block block, List<Block> norms) {
        if (block instanceof BatchNorm) {
            norms.add(block);
        }
        block.getChildren().values().forEach(child -> collect(child, norms));
    }

    private static NDArray array(Block norm, String name) {
        return norm.getParameters().get(name).getArray();
    }

    private static int length(Block norm) {
        return (int) array(norm, "runningMean").size();
    }
}
