package io.smartnas.evaluator.measure;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.smartnas.evaluator.MachineLoad;

import java.util.function.LongSupplier;

/**
 * The engine's intra-op threads fitted to the cores other processes leave idle, while a candidate trains and is
 * measured on a CPU. Every operation waits for its slowest thread, so a thread that shares its core with another
 * process holds up every step: on 2 cores with one {@code yes} running, one thread trained faster than two (see
 * docs/measurements/engine/). At most every {@link #INTERVAL_NANOS} it looks at the CPU time other processes took since it last looked
 * and runs on the cores they left: {@code threads = max(1, most - ceil(others - 0.3))}, where {@code most} is the
 * engine's own setting (a share of a core below 0.3, a shell or a daemon, leaves every thread). On a GPU it does
 * nothing. Not thread-safe: one per training on the CPU, which is the only one there.
 */
public final class FittedThreads implements AutoCloseable {
    /** How often the load is looked at: long enough to average over the scheduler's time slices. */
    static final long INTERVAL_NANOS = 5_000_000_000L;
    /** The share of a core other processes may take without a thread giving way. */
    static final double SLACK = 0.3;

    private final boolean cpu;
    private final int most;
    private final LongSupplier clock;
    private final Looker looker;
    private int threads;
    private int fewest;
    private long lookedAt;

    /** How the load since the last look is seen: in production, a {@link MachineLoad} span. */
    interface Looker {
        /** Cores other processes used since the last call (or since this looker was made). */
        double others();
    }

    FittedThreads(boolean cpu, int most, LongSupplier clock, Looker looker) {
        this.cpu = cpu;
        this.most = most;
        this.clock = clock;
        this.looker = looker;
        this.threads = most;
        this.fewest = most;
        this.lookedAt = clock.getAsLong();
    }

    /** Threads fitted on {@code device}, starting from the engine's setting. */
    public static FittedThreads on(Device device) {
        boolean cpu = !device.isGpu();
        return new FittedThreads(cpu, cpu ? JniUtils.getNumThreads() : 1, System::nanoTime, new Looker() {
            private MachineLoad.Span span = MachineLoad.start();

            @Override
            public double others() {
                double others = span.stop().otherCores();
                span = MachineLoad.start();
                return others;
            }
        });
    }

    /** The threads for {@code others} cores of other processes' work, out of {@code most}. */
    static int fit(int most, double others) {
        if (Double.isNaN(others)) {
            return most;
        }
        int taken = (int) Math.max(0, Math.ceil(others - SLACK));
        return Math.max(1, most - taken);
    }

    /** Between steps: looks at the load if it is time, and sets the threads it leaves room for. */
    public void fit() {
        if (!cpu || clock.getAsLong() - lookedAt < INTERVAL_NANOS) {
            return;
        }
        lookedAt = clock.getAsLong();
        int fitted = fit(most, looker.others());
        if (fitted != threads) {
            threads = fitted;
            fewest = Math.min(fewest, fitted);
            JniUtils.setNumThreads(fitted);
        }
    }

    /** The threads now. */
    public int threads() {
        return threads;
    }

    /** As provenance: {@code 2}, or {@code 1-2} when other processes made it give threads up. */
    public String label() {
        return fewest == most ? String.valueOf(most) : fewest + "-" + most;
    }

    /** Gives the engine back its own setting. */
    @Override
    public void close() {
        if (cpu && threads != most) {
            JniUtils.setNumThreads(most);
            threads = most;
        }
    }
}
