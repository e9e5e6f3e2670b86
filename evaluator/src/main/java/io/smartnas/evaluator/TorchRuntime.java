package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the PyTorch engine once per process and makes its CPU allocator hand out zeroed memory.
 *
 * <p>Why: the oneDNN 3.5 inside libtorch 2.5.1 reorders convolution weights into blocked layouts whose channel count
 * is padded to the SIMD width (16 with AVX-512: {@code ABcd16b16a}), and does not zero that padding when the reorder
 * buffer comes from recycled memory. Whenever a convolution's input or output channel count is not a multiple of the
 * block (24, 28, 52, 12, ... everywhere in a SmartNet), the padding is read, and NaN left there by an earlier tensor
 * turns whole output channels into NaN ({@code NaN x 0 = NaN}). Setting libc10's
 * {@code FLAGS_caffe2_cpu_allocator_do_zero_fill} makes every CPU allocation start at zero, so the padding is zero
 * as oneDNN assumes. The flag is set through JNA on the loaded {@code libc10.so}; no native code of ours is needed.
 */
public final class TorchRuntime {
    static final String ZERO_FILL_FLAG = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    private static final String ENGINE = "PyTorch";
    private static Engine engine;

    private TorchRuntime() {
    }

    /** The PyTorch engine, loaded and made safe on first use. */
    public static synchronized Engine engine() {
        if (engine == null) {
            // Probing for CUDA on a machine without a GPU is expected, not a warning (read by slf4j-simple when the
            // prober's logger is made, which is below).
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
            Engine loaded = Engine.getEngine(ENGINE);
            setZeroFill(true);
            warmUp(loaded);
            engine = loaded;
        }
        return engine;
    }

    /**
     * Runs one tiny convolution, so that libtorch prints its one-time warnings (NNPACK on a CPU it does not support)
     * now, before a progress bar is drawn, rather than into the bar.
     */
    private static void warmUp(Engine loaded) {
        try (NDManager manager = loaded.newBaseManager(Device.cpu())) {
            Conv2d.conv2d(manager.zeros(new Shape(1, 1, 4, 4)), manager.zeros(new Shape(1, 1, 3, 3)));
        }
    }

    /** Sets libc10's zero-fill flag; the engine must be loaded. Tests turn it off to show the hazard. */
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
