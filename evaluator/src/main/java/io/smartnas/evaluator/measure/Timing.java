package io.smartnas.evaluator.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.space.InputShape;
import io.smartnas.space.evaluation.Interruption;

import java.util.Arrays;

/**
 * Latency and throughput of every exit, in inference mode: exit {@code c} runs the stem, columns {@code 0..c} and
 * head {@code c} only. Reading the logits back to the host ends each run, so a GPU is timed to completion.
 *
 * @param warmUp     runs before timing starts
 * @param runs       timed runs at batch size 1; the latency is their median
 * @param batch      images per run when timing throughput
 * @param batchRuns  timed runs at that batch
 */
public record Timing(int warmUp, int runs, int batch, int batchRuns) {
    /** What an evaluation measures by default; the batch is the largest that stays fast on a CPU (see ExitOutcomes). */
    public static final Timing DEFAULT = new Timing(5, 30, 64, 3);
    /** The most runs of any kind, and the largest timing batch. */
    public static final int MAX_RUNS = 10_000;
    public static final int MAX_BATCH = 1024;

    /**
     * @throws IllegalArgumentException naming the field out of range
     */
    public Timing {
        inRange("warm_up", warmUp, 0, MAX_RUNS);
        inRange("runs", runs, 1, MAX_RUNS);
        inRange("batch", batch, 1, MAX_BATCH);
        inRange("batch_runs", batchRuns, 1, MAX_RUNS);
    }

    private static void inRange(String field, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException(field + " must be " + least + ".." + most + ", got " + value);
        }
    }

    /** Median milliseconds per image at batch size 1, per exit. */
    public double[] latencyMs(SmartNetBlock block, NDManager manager) {
        double[] latency = new double[block.config().size()];
        for (int exit = 0; exit < latency.length; exit++) {
            double[] times = time(block, manager, exit, 1, runs);
            Arrays.sort(times);
            latency[exit] = times[times.length / 2];
        }
        return latency;
    }

    /** Images per second at batch size {@link #batch()}, per exit (the best of {@link #batchRuns()} runs). */
    public double[] throughput(SmartNetBlock block, NDManager manager) {
        double[] throughput = new double[block.config().size()];
        for (int exit = 0; exit < throughput.length; exit++) {
            double best = Arrays.stream(time(block, manager, exit, batch, batchRuns)).min().orElseThrow();
            throughput[exit] = batch / (best / 1000.0);
        }
        return throughput;
    }

    private double[] time(SmartNetBlock block, NDManager manager, int exit, int size, int timed) {
        InputShape in = block.config().input();
        ParameterStore store = new ParameterStore(manager, false);
        double[] times = new double[timed];
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.randomNormal(new Shape(size, in.channels(), in.height(), in.width()));
            for (int run = -warmUp; run < timed; run++) {
                Interruption.check();
                try (NDManager runScope = scope.newSubManager()) {
                    images.tempAttach(runScope);
                    long start = System.nanoTime();
                    block.forwardExit(store, images, exit).toFloatArray();
                    long elapsed = System.nanoTime() - start;
                    if (run >= 0) {
                        times[run] = elapsed / 1e6;
                    }
                }
            }
        }
        return times;
    }
}
