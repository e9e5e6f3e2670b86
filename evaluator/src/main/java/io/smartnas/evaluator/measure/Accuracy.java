package io.smartnas.evaluator.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.net.SmartNetBlock;

/** Accuracy of every exit on a set of images, in inference mode. */
public final class Accuracy {
    private Accuracy() {
    }

    /** The fraction of images each exit classifies correctly. */
    public static double[] perExit(SmartNetBlock block, NDManager manager, Batches images) {
        int exits = block.config().size();
        long[] correct = new long[exits];
        ParameterStore store = new ParameterStore(manager, false);
        int[] order = images.inOrder();
        for (int b = 0; b < images.count(); b++) {
            try (NDManager scope = manager.newSubManager()) {
                NDList batch = images.batch(scope, order, b);
                NDList logits = block.forward(store, batch.get(0), false, exits, 0);
                NDArray labels = batch.get(1).toType(ai.djl.ndarray.types.DataType.INT64, false);
                for (int exit = 0; exit < exits; exit++) {
                    correct[exit] += logits.get(exit).argMax(1).eq(labels).countNonzero().getLong();
                }
            }
        }
        double[] accuracy = new double[exits];
        for (int exit = 0; exit < exits; exit++) {
            accuracy[exit] = correct[exit] / (double) images.images().size();
        }
        return accuracy;
    }
}
