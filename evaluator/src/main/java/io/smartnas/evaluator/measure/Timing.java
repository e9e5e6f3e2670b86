package io.smartnas.evaluator.measure;

import io.smartnas.space.run.TimingSettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.space.InputShape;
import io.smartnas.space.evaluation.Interruption;

import java.util.Arrays;

/**
 * Latency and throughput of every exit, in inference mode, as {@link TimingSettings} say: exit {@code c} runs the stem,
 * columns {@code 0..c} and head {@code c} only. Reading the logits back to the host ends each run, so a GPU is timed
 * to completion.
 */
public final class Timing {
    private final int warmUp;
    private final int runs;
    private final int batch;
    private final int batchRuns;

    public Timing(TimingSettings settings) {
        this.warmUp = settings.warmUp();
        this.runs = settings.runs();
        this.batch = settings.batch();
        this.batchRuns = settings.batchRuns();
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

    /** Images per second at the settings' batch size, per exit (the best of their batch runs). */
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
