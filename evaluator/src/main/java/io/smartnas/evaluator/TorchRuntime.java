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

/**
 * Loads the PyTorch engine once per process and makes its CPU allocator hand out zeroed memory where the engine
 * needs it.
 *
 * <p>Why: on some CPUs (AMD EPYC with AVX-512 here) the oneDNN 3.5 inside libtorch 2.5.1 reads the padding of
 * convolution weights reordered into blocked layouts ({@code ABcd16b16a}: channel counts padded to the SIMD width),
 * and does not zero that padding when the reorder buffer comes from recycled memory. Whenever a convolution's input
 * or output channel count is not a multiple of the block (24, 28, 52, 12, ... everywhere in a SmartNet), NaN left
 * there by an earlier tensor turns whole channels into NaN ({@code NaN x 0 = NaN}) and training diverges at once.
 * Setting libc10's {@code FLAGS_caffe2_cpu_allocator_do_zero_fill} makes every CPU allocation start at zero, so the
 * padding is zero as oneDNN assumes; it costs a third of a training step and two fifths of a forward pass. Other
 * CPUs (Intel Xeon with AVX-512 and AMX here) never read the padding, so the fill is set only where a probe at load
 * shows the hazard: {@link #leaksNan} plants NaN in freed memory and runs a padded convolution forward and back.
 * If a loss goes NaN anyway while the fill is off, {@link #zeroFillAfterNan} turns it on for good and the training
 * is repeated. The flag is set through JNA on the loaded {@code libc10.so}; no native code of ours is needed.
 */
public final class TorchRuntime {
    static final String ZERO_FILL_FLAG = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    /** Probe tries; where the hazard was seen, 5 to 17 of 30 unplanted tries and every planted one showed it. */
    static final int PROBE_TRIES = 20;
    private static final String ENGINE = "PyTorch";
    private static Engine engine;
    private static boolean hazardShownAtLoad;

    private TorchRuntime() {
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
            setZeroFill(false);
            hazardShownAtLoad = leaksNan(loaded, PROBE_TRIES) > 0;
            setZeroFill(hazardShownAtLoad);
            engine = loaded;
        }
        return engine;
    }

    /**
     * Turns the zero fill on if it was off, after a loss went NaN: the probe may have missed the hazard.
     *
     * @return whether it was off, so that the training that went NaN is worth repeating
     */
    static synchronized boolean zeroFillAfterNan() {
        if (zeroFill()) {
            return false;
        }
        setZeroFill(true);
        return true;
    }

    /** Whether the probe at load showed the hazard, which turned the zero fill on. */
    static synchronized boolean hazardShownAtLoad() {
        return hazardShownAtLoad;
    }

    /**
     * How many of {@code tries} padded convolutions (20 input and 12 output channels: padded on AVX-512 and AVX2
     * alike), run forward and back right after NaN was freed, had NaN in their output or input gradient under the
     * allocator's current setting.
     */
    static int leaksNan(Engine on, int tries) {
        int poisoned = 0;
        try (NDManager manager = on.newBaseManager(Device.cpu())) {
            NDArray input = manager.randomNormal(new Shape(64, 20, 28, 28));
            NDArray weight = manager.randomNormal(new Shape(12, 20, 3, 3)).mul(0.1);
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
        }
        return poisoned;
    }

    /** Sets libc10's zero-fill flag; the engine must be loaded. Tests turn it off and on to show the hazard. */
    static void setZeroFill(boolean on) {
        c10().getGlobalVariableAddress(ZERO_FILL_FLAG).setByte(0, (byte) (on ? 1 : 0));
    }

    /** Whether libc10's CPU allocator zeroes new memory. */
    static boolean zeroFill() {
        return c10().getGlobalVariableAddress(ZERO_FILL_FLAG).getByte(0) != 0;
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
