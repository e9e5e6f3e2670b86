package io.smartnas.evaluator.anytime;

import io.smartnas.evaluator.ExitPolicy;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.Classified;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.space.cost.CostModel;

/**
 * What every exit says of every image of a set: its top softmax probability and whether it is right, with the MACs
 * of leaving at each exit. Earlier exits never depend on later ones, so one pass through every exit tells what any
 * exit policy would do, without running the images again.
 */
public final class ExitOutcomes {
    /**
     * Images per inference batch. On a CPU, larger batches run slower, not faster: their activations exceed glibc's
     * largest heap block (32 MiB), so every operation maps fresh pages from the kernel and faults them in; 256 images
     * classified at a third of the speed 64 images train.
     */
    public static final int BATCH = 64;
    /** The one-sided 95% quantile of the standard normal distribution. */
    private static final double Z_95 = 1.645;

    private final float[][] confidence;
    private final boolean[][] correct;
    private final long[] macs;

    ExitOutcomes(float[][] confidence, boolean[][] correct, long[] macs) {
        this.confidence = confidence;
        this.correct = correct;
        this.macs = macs;
    }

    /** Runs every exit of the block over the images, in inference mode. */
    public static ExitOutcomes measure(SmartNetBlock block, NDManager manager, Batches images) {
        return measure(block, manager, images, Classified.NONE);
    }

    /** Runs every exit of the block over the images, in inference mode, telling {@code progress} after each batch. */
    public static ExitOutcomes measure(SmartNetBlock block, NDManager manager, Batches images, Classified progress) {
        int exits = block.config().size();
        int n = images.images().size();
        float[][] confidence = new float[n][exits];
        boolean[][] correct = new boolean[n][exits];
        ParameterStore store = new ParameterStore(manager, false);
        int[] order = images.inOrder();
        int done = 0;
        for (int b = 0; b < images.count(); b++) {
            try (NDManager scope = manager.newSubManager()) {
                NDList batch = images.batch(scope, order, b);
                NDList logits = block.forward(store, batch.get(0), false, exits, 0);
                float[] labels = batch.get(1).toFloatArray();
                for (int exit = 0; exit < exits; exit++) {
                    NDArray probabilities = logits.get(exit).softmax(1);
                    float[] top = probabilities.max(new int[] {1}).toFloatArray();
                    long[] predicted = probabilities.argMax(1).toLongArray();
                    for (int i = 0; i < labels.length; i++) {
                        confidence[done + i][exit] = top[i];
                        correct[done + i][exit] = predicted[i] == (long) labels[i];
                    }
                }
                done += labels.length;
            }
            progress.soFar(done, n);
        }
        return new ExitOutcomes(confidence, correct, CostModel.anytimeMacs(block.config()));
    }

    public int exits() {
        return macs.length;
    }

    public int images() {
        return confidence.length;
    }

    /** MACs of an input that leaves at each exit. */
    public long[] macs() {
        return macs.clone();
    }

    /** The share of images exit {@code exit} classifies correctly. */
    public double accuracy(int exit) {
        long right = 0;
        for (boolean[] image : correct) {
            right += image[exit] ? 1 : 0;
        }
        return right / (double) correct.length;
    }

    /** What {@code policy} does on these images. */
    public Outcome under(ExitPolicy policy) {
        if (policy.exits() != exits()) {
            throw new IllegalArgumentException("a policy for " + policy.exits() + " exits, the model has " + exits());
        }
        int last = exits() - 1;
        int n = confidence.length;
        long right = 0;
        long lost = 0;
        long gained = 0;
        double cost = 0;
        int[] leaving = new int[exits()];
        for (int i = 0; i < n; i++) {
            int exit = 0;
            while (!policy.leaves(exit, confidence[i][exit])) {
                exit++;
            }
            leaving[exit]++;
            right += correct[i][exit] ? 1 : 0;
            lost += correct[i][last] && !correct[i][exit] ? 1 : 0;
            gained += !correct[i][last] && correct[i][exit] ? 1 : 0;
            cost += macs[exit];
        }
        double[] share = new double[exits()];
        for (int e = 0; e < share.length; e++) {
            share[e] = leaving[e] / (double) n;
        }
        return new Outcome(right / (double) n, cost / n, share, lossBound(lost, gained, n));
    }

    /**
     * A one-sided 95% upper bound on the accuracy a policy loses against the last exit, from the per-image differences
     * (1 where only the last exit is right, -1 where only the policy's exit is, else 0): their mean plus 1.645
     * standard errors. The images both answer alike carry no evidence, so a policy that changes few answers gets a
     * tight bound, and one that trades many wins for as many losses does not.
     */
    private static double lossBound(long lost, long gained, int n) {
        double mean = (lost - gained) / (double) n;
        double variance = (lost + gained) / (double) n - mean * mean;
        return mean + Z_95 * Math.sqrt(Math.max(variance, 0) / n);
    }

    /**
     * What a policy does on a set of images.
     *
     * @param accuracy    share of images answered right
     * @param averageMacs MACs per image on average
     * @param share       share of images leaving at each exit
     * @param lossBound   95% upper bound on the accuracy lost against running every image to the last exit
     */
    public record Outcome(double accuracy, double averageMacs, double[] share, double lossBound) {
    }
}
