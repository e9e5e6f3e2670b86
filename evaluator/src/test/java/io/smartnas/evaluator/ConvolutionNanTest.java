package io.smartnas.evaluator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine hazard of libtorch 2.5.1's oneDNN on some CPUs: a convolution whose channel counts are not a multiple
 * of the SIMD block reads the padding of its reordered weights, and NaN left in recycled memory by earlier tensors
 * poisons whole channels. {@link TorchRuntime} zeroes allocations exactly where a probe shows the hazard.
 */
class ConvolutionNanTest {
    /** Twice the probe's tries, so that a probe that misses the hazard is caught here. */
    private static final int TRIES = 2 * TorchRuntime.PROBE_TRIES;

    @AfterEach
    void restoreTheRuntimesSetting() {
        TorchRuntime.setZeroFill(TorchRuntime.hazardShownAtLoad());
    }

    @Test
    void underTheRuntimesSettingConvolutionsStayFiniteAfterNanWasFreed() {
        assertEquals(0, TorchRuntime.leaksNan(TorchRuntime.engine(), TRIES),
                "forward outputs or input gradients with NaN, of " + TRIES);
    }

    @Test
    void withZeroFilledAllocationsConvolutionsStayFiniteAfterNanWasFreed() {
        TorchRuntime.engine();
        TorchRuntime.setZeroFill(true);
        assertEquals(0, TorchRuntime.leaksNan(TorchRuntime.engine(), TRIES),
                "forward outputs or input gradients with NaN, of " + TRIES);
    }

    /**
     * On a CPU that leaks NaN without the fill, the runtime turns it on; on one that does not, it leaves it off and
     * its convolutions run at full speed. When the fill is off everywhere, the engine no longer has the bug.
     */
    @Test
    void theZeroFillIsOnExactlyWhereTheEngineLeaksNanWithoutIt() {
        TorchRuntime.engine();
        TorchRuntime.setZeroFill(false);
        int leaks = TorchRuntime.leaksNan(TorchRuntime.engine(), TRIES);
        assertEquals(leaks > 0, TorchRuntime.hazardShownAtLoad(), leaks + " of " + TRIES + " tries leaked NaN without "
                + "the fill on " + RuntimeProvenance.cpuModel());
    }
}
