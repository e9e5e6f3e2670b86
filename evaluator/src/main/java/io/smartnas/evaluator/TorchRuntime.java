package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads the PyTorch engine once per process and makes its CPU allocations start at zero where the engine needs it.
 *
 * <p>Why: on some CPUs (AMD EPYC with AVX-512 here) the oneDNN 3.5 inside libtorch 2.5.1 reads the padding of
 * convolution weights reordered into blocked layouts ({@code ABcd16b16a}: channel counts padded to the SIMD block)
 * without having zeroed it. Whenever a convolution's input or output channel count is not a multiple of the block
 * (24, 28, 52, 12, ... everywhere in a SmartNet), NaN left in recycled memory turns whole channels into NaN
 * ({@code NaN x 0 = NaN}) and training diverges at once. Other CPUs (Intel Xeon with AVX-512 and AMX here) never read
 * the padding, so a probe at load ({@link #leaksNan}: NaN planted in freed memory, then a padded convolution forward
 * and back) decides:
 * <ul>
 *   <li>{@link ZeroFill#OFF} where it shows no hazard;</li>
 *   <li>{@link ZeroFill#WEIGHTS} where it does: SmartNAS's native hook ({@link ZeroFillHook}) zeroes the allocations
 *       of libc10 and of oneDNN no larger than the largest padded weight of the networks alive in the process
 *       ({@link #coverWeights}), which holds the padded weight copies, and leaves the activations alone. The probe
 *       runs again under it and must show no hazard;</li>
 *   <li>{@link ZeroFill#ALL} where the hook cannot be installed or does not remove the hazard: libc10's flag
 *       {@code FLAGS_caffe2_cpu_allocator_do_zero_fill} zeroes every allocation, at about 40% of a training step.</li>
 * </ul>
 * If a loss goes NaN anyway, {@link #zeroFillAfterNan} moves to {@link ZeroFill#ALL} for good and the training is
 * repeated.
 */
public final class TorchRuntime {
    static final String ZERO_FILL_FLAG = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    /** Probe tries; where the hazard was seen, 5 to 17 of 30 unplanted tries and every planted one showed it. */
    static final int PROBE_TRIES = 20;
    /**
     * Channel counts of a weight are counted as padded to a multiple of this: oneDNN's blocks are 16 channels with
     * AVX-512, 8 with AVX2, 4 with SSE; 64 also covers the wider blocks of its brgemm kernels.
     */
    static final int CHANNEL_BLOCK = 64;
    private static final String ENGINE = "PyTorch";
    private static Engine engine;
    private static ZeroFill atLoad;
    private static ZeroFill zeroFill = ZeroFill.OFF;
    private static ZeroFillHook hook;
    /** The padded weight bytes of every live network (and of the probe), with how many have each. */
    private static final TreeMap<Long, Integer> COVERED = new TreeMap<>();

    private TorchRuntime() {
    }

    /** A network's claim on the zeroed allocations; closing it (once or more) gives the claim up. */
    public interface WeightCover extends AutoCloseable {
        @Override
        void close();
    }

    /** How the engine's CPU allocations start. */
    public enum ZeroFill {
        /** As the allocator hands them out. */
        OFF,
        /** Zeroed up to the largest padded weight of the live networks, by SmartNAS's hook. */
        WEIGHTS,
        /** All zeroed, by libc10's flag. */
        ALL;

        /** The name provenance records. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The PyTorch engine, loaded and made safe on first use. */
    public static synchronized Engine engine() {
        if (engine == null) {
            // Probing for CUDA on a machine without a GPU is expected, not a warning (read by slf4j-simple when the
            // prober's logger is made, which is below).
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
            Engine loaded = Engine.getEngine(ENGINE);
            // The probe's first convolution also makes libtorch print its one-time warnings (NNPACK on a CPU it does
            // not support) now, before a progress bar is drawn, rather than into the bar.
            setZeroFill(ZeroFill.OFF);
            atLoad = ZeroFill.OFF;
            if (leaksNan(loaded, PROBE_TRIES) > 0) {
                atLoad = ZeroFill.ALL;
                if (hook().isPresent()) {
                    setZeroFill(ZeroFill.WEIGHTS);
                    if (leaksNan(loaded, PROBE_TRIES) == 0) {
                        atLoad = ZeroFill.WEIGHTS;
                    }
                }
            }
            setZeroFill(atLoad);
            engine = loaded;
        }
        return engine;
    }

    /**
     * Moves to zeroing every allocation, after a loss went NaN: the probe may have missed the hazard, or a network
     * may read a padded buffer larger than its weights.
     *
     * @return whether every allocation was not zeroed yet, so that the training that went NaN is worth repeating
     */
    static synchronized boolean zeroFillAfterNan() {
        if (zeroFill == ZeroFill.ALL) {
            return false;
        }
        setZeroFill(ZeroFill.ALL);
        return true;
    }

    /** How the probe at load left the allocator: {@link ZeroFill#OFF} unless it showed the hazard. */
    static synchronized ZeroFill zeroFillAtLoad() {
        return atLoad;
    }

    /** How the engine's CPU allocations start now. */
    static synchronized ZeroFill zeroFill() {
        return zeroFill;
    }

    /**
     * Sets how allocations start; the engine must be loaded. Tests move between the three to show the hazard.
     *
     * @throws IllegalStateException for {@link ZeroFill#WEIGHTS} where the hook cannot be installed
     */
    static synchronized void setZeroFill(ZeroFill to) {
        if (to == ZeroFill.WEIGHTS) {
            requireHook();
        }
        c10().getGlobalVariableAddress(ZERO_FILL_FLAG).setByte(0, (byte) (to == ZeroFill.ALL ? 1 : 0));
        zeroFill = to;
        updateBound();
    }

    /**
     * Keeps allocations of up to {@code bytes} zeroed while a network whose largest padded weight is that large is
     * alive (under {@link ZeroFill#WEIGHTS}); close the answer when the network is closed.
     */
    public static WeightCover coverWeights(long bytes) {
        synchronized (TorchRuntime.class) {
            COVERED.merge(bytes, 1, Integer::sum);
            updateBound();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                synchronized (TorchRuntime.class) {
                    COVERED.computeIfPresent(bytes, (size, count) -> count == 1 ? null : count - 1);
                    updateBound();
                }
            }
        };
    }

    /**
     * The bytes of a weight of {@code shape} (output channels, input channels, kernel...) once oneDNN has padded its
     * channel counts to its block, counting a float each; a bias or a batch-norm vector (one dimension) counts its
     * padded length.
     */
    public static long paddedWeightBytes(long[] shape) {
        long bytes = Float.BYTES;
        for (int d = 0; d < shape.length; d++) {
            bytes *= d < 2 ? (shape[d] + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK : shape[d];
        }
        return bytes;
    }

    /**
     * For tests: whether allocations above the bound are filled with NaN, the worst recycled memory can hold, so that
     * a read of memory the engine never wrote shows at once.
     *
     * @throws IllegalStateException where the hook cannot be installed
     */
    static synchronized void poisonAboveBound(boolean on) {
        requireHook().poisonAbove(on);
    }

    private static ZeroFillHook requireHook() {
        return hook().orElseThrow(
                () -> new IllegalStateException("SmartNAS's allocation hook cannot be installed here"));
    }

    private static void updateBound() {
        if (hook != null) {
            hook.zeroUpTo(zeroFill == ZeroFill.WEIGHTS && !COVERED.isEmpty() ? COVERED.lastKey() : 0);
        }
    }

    /** The hook on libc10's and oneDNN's allocations, installed on first use; empty where it cannot be. */
    private static Optional<ZeroFillHook> hook() {
        if (hook == null) {
            hook = ZeroFillHook.install("libc10.so", "libtorch_cpu.so").orElse(null);
        }
        return Optional.ofNullable(hook);
    }

    /**
     * How many of {@code tries} padded convolutions (20 input and 12 output channels: padded on AVX-512 and AVX2
     * alike), run forward and back right after NaN was freed, had NaN in their output or input gradient under the
     * allocator's current setting.
     */
    static int leaksNan(Engine on, int tries) {
        int poisoned = 0;
        Shape weights = new Shape(12, 20, 3, 3);
        WeightCover covered = coverWeights(paddedWeightBytes(weights.getShape()));
        try (NDManager manager = on.newBaseManager(Device.cpu())) {
            NDArray input = manager.randomNormal(new Shape(64, 20, 28, 28));
            NDArray weight = manager.randomNormal(weights).mul(0.1);
            for (int t = 0; t < tries; t++) {
                try (NDManager garbage = manager.newSubManager()) {
                    for (int k = 0; k < 8; k++) {
                        garbage.full(new Shape(12 * 32 * 9 + k), Float.NaN);
                    }
                }
                try (NDManager scope = manager.newSubManager();
                     GradientCollector collector = on.newGradientCollector()) {
                    NDArray x = input.duplicate();
                    x.attach(scope);
                    x.setRequiresGradient(true);
                    NDArray y = Conv2d.conv2d(x, weight, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                            .singletonOrThrow();
                    collector.backward(y.sum());
                    if (y.isNaN().any().getBoolean() || x.getGradient().isNaN().any().getBoolean()) {
                        poisoned++;
                    }
                }
            }
        } finally {
            covered.close();
        }
        return poisoned;
    }

    private static NativeLibrary c10() {
        return NativeLibrary.getInstance(loadedLibrary("libc10.so").toString());
    }

    /** The path of a shared library this process has loaded, from {@code /proc/self/maps}. */
    private static Path loadedLibrary(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("/" + name))
                    .map(line -> Path.of(line.substring(line.indexOf('/'))))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " is not loaded; is the PyTorch engine?"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/maps to find " + name, e);
        }
    }
}
