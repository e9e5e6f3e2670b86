package io.smartnas.evaluator.measure;

import io.smartnas.space.run.TimingSettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.MachineLoad;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.space.InputShape;
import io.smartnas.space.evaluation.Interruption;

import java.util.Arrays;

/**
 * Latency and throughput of every exit, in inference mode, as {@link TimingSettings} say: exit {@code c} runs the stem,
 * columns {@code 0..c} and head {@code c} only. Reading the logits back to the host ends each run, so a GPU is timed
 * to completion. Latency (batch size 1) is timed on one intra-op thread on a CPU ({@link OneThread}), throughput on
 * the engine's threads.
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

    /**
     * Milliseconds per image at batch size 1, per exit, and how busy the rest of the machine was meanwhile. The runs go
     * round the exits (0, 1, ..., 0, 1, ...), so that a burst of load from elsewhere falls on every exit alike, and
     * each exit's latency is the lower quartile of its runs: a run can only be slowed by other work, never sped up,
     * so the fast end of the distribution is the network's own cost, and a quartile rather than the minimum is not
     * one lucky run.
     */
    public Latency latency(SmartNetBlock block, NDManager manager) {
        return OneThread.on(manager.getDevice(), () -> latencyNow(block, manager));
    }

    private Latency latencyNow(SmartNetBlock block, NDManager manager) {
        int exits = block.config().size();
        double[][] times = new double[exits][runs];
        InputShape in = block.config().input();
        ParameterStore store = new ParameterStore(manager, false);
        MachineLoad.Span span = MachineLoad.start();
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.randomNormal(new Shape(1, in.channels(), in.height(), in.width()));
            for (int run = -warmUp; run < runs; run++) {
                for (int exit = 0; exit < exits; exit++) {
                    double ms = once(block, store, scope, image, exit);
                    if (run >= 0) {
                        times[exit][run] = ms;
                    }
                }
            }
        }
        MachineLoad load = span.stop();
        double[] latency = new double[exits];
        for (int exit = 0; exit < exits; exit++) {
            Arrays.sort(times[exit]);
            latency[exit] = times[exit][(runs - 1) / 4];
        }
        return new Latency(latency, load);
    }

    /**
     * Milliseconds per image at batch size 1 of anytime inference that evaluates every exit and leaves at the last:
     * column by column, each exit's softmax and top probability read back before the next column runs. The lower
     * quartile of the runs, as for {@link #latency}.
     */
    public double anytimeToLast(SmartNetBlock block, NDManager manager) {
        return OneThread.on(manager.getDevice(), () -> anytimeToLastNow(block, manager));
    }

    private double anytimeToLastNow(SmartNetBlock block, NDManager manager) {
        double[] times = new double[runs];
        InputShape in = block.config().input();
        ParameterStore store = new ParameterStore(manager, false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.randomNormal(new Shape(1, in.channels(), in.height(), in.width()));
            for (int run = -warmUp; run < runs; run++) {
                Interruption.process().check();
                try (NDManager runScope = scope.newSubManager()) {
                    image.tempAttach(runScope);
                    long start = System.nanoTime();
                    SmartNetBlock.Columns columns = block.columns(store, image);
                    while (columns.hasNext()) {
                        columns.next().softmax(1).max().getFloat();
                    }
                    if (run >= 0) {
                        times[run] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(times);
        return times[(runs - 1) / 4];
    }

    /**
     * Latency per exit at batch size 1, and the load of the rest of the machine while it was timed.
     *
     * @param perExitMs milliseconds per image through each exit
     */
    public record Latency(double[] perExitMs, MachineLoad load) {
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
                double ms = once(block, store, scope, images, exit);
                if (run >= 0) {
                    times[run] = ms;
                }
            }
        }
        return times;
    }

    /** Milliseconds of one forward pass through {@code exit}, the logits read back to the host. */
    private static double once(SmartNetBlock block, ParameterStore store, NDManager scope, NDArray images, int exit) {
        Interruption.process().check();
        try (NDManager runScope = scope.newSubManager()) {
            images.tempAttach(runScope);
            long start = System.nanoTime();
            block.forwardExit(store, images, exit).toFloatArray();
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
