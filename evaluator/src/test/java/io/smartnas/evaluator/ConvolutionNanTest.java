package io.smartnas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine hazard of libtorch 2.5.1's oneDNN on AVX-512 and AVX2: a convolution whose channel counts are not a
 * multiple of the SIMD block reads the padding of its reordered weights, and NaN left in recycled memory by earlier
 * tensors poisons whole output channels. 20 input and 12 output channels are padded on both kinds of CPU.
 */
class ConvolutionNanTest {
    private static final int TRIES = 20;

    @AfterEach
    void restoreTheFix() {
        TorchRuntime.setZeroFill(true);
    }

    @Test
    void convolutionsStayFiniteAfterNanWasFreed() {
        TorchRuntime.engine();
        assertEquals(0, nanTries(), "forward outputs or input gradients with NaN, of " + TRIES);
    }

    /**
     * Shows the root cause: without zeroed allocations the engine leaks NaN. When this fails, the engine no longer
     * has the bug, and {@link TorchRuntime}'s zero fill can go.
     */
    @Test
    void withoutZeroFilledAllocationsTheEngineLeaksNan() {
        TorchRuntime.engine();
        TorchRuntime.setZeroFill(false);
        assertTrue(nanTries() > 0, "the engine no longer needs TorchRuntime's zero fill");
    }

    private static int nanTries() {
        int poisoned = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(1);
            NDArray input = manager.randomNormal(new Shape(64, 20, 28, 28));
            NDArray weight = manager.randomNormal(new Shape(12, 20, 3, 3)).mul(0.1);
            for (int t = 0; t < TRIES; t++) {
                try (NDManager garbage = manager.newSubManager()) {
                    for (int k = 0; k < 8; k++) {
                        garbage.full(new Shape(12 * 32 * 9 + k), Float.NaN);
                    }
                }
                try (NDManager scope = manager.newSubManager(); GradientCollector collector =
                        manager.getEngine().newGradientCollector()) {
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
}
