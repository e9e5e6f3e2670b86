package io.smartnas.evaluator.anytime;

import io.smartnas.evaluator.ExitPolicy;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.measure.OneThread;
import io.smartnas.evaluator.net.SmartNetBlock;

/**
 * Measured milliseconds per image, one image at a time, under an exit policy (computing column by column and stopping
 * at the first confident exit) and when always running to the last exit, on the same images after the same warm-up.
 *
 * @param anytimeMs  mean milliseconds per image under the policy
 * @param lastExitMs mean milliseconds per image at the last exit
 */
public record AnytimeLatency(double anytimeMs, double lastExitMs) {
    private static final int WARM_UP = 5;

    /** Times each image of {@code images} (batch size 1, on one thread on a CPU) both ways. */
    public static AnytimeLatency measure(SmartNetBlock block, NDManager manager, Batches images, ExitPolicy policy) {
        return OneThread.on(manager.getDevice(), () -> measureNow(block, manager, images, policy));
    }

    private static AnytimeLatency measureNow(SmartNetBlock block, NDManager manager, Batches images,
                                             ExitPolicy policy) {
        ParameterStore store = new ParameterStore(manager, false);
        int[] order = images.inOrder();
        int last = block.config().size() - 1;
        long anytime = 0;
        long full = 0;
        int timed = 0;
        for (int b = -WARM_UP; b < images.count(); b++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray image = images.batch(scope, order, Math.max(b, 0)).get(0);
                long start = System.nanoTime();
                SmartNetBlock.Columns columns = block.columns(store, image);
                for (int exit = 0; ; exit++) {
                    float confidence = columns.next().softmax(1).max().getFloat();
                    if (policy.leaves(exit, confidence)) {
                        break;
                    }
                }
                long middle = System.nanoTime();
                block.forwardExit(store, image, last).toFloatArray();
                long end = System.nanoTime();
                if (b >= 0) {
                    anytime += middle - start;
                    full += end - middle;
                    timed++;
                }
            }
        }
        return new AnytimeLatency(anytime / 1e6 / timed, full / 1e6 / timed);
    }
}
