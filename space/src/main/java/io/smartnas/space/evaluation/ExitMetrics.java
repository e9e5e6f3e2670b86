package io.smartnas.space.evaluation;

/**
 * What was measured at one exit. Accuracies are fractions in [0, 1]; a figure that was not measured is
 * {@link Double#NaN}.
 *
 * @param exit               the exit, 0 first
 * @param validationAccuracy accuracy on the validation split (what a search optimises)
 * @param testAccuracy       accuracy on the test file (for reports only)
 * @param latencyMs          milliseconds per image at batch size 1, through this exit (the lower quartile of
 *                           timed runs)
 * @param throughput         images per second at a large batch, through this exit
 * @param params             trainable parameters needed by this exit (cost model)
 * @param buffers            buffer values needed by this exit (cost model)
 * @param macs               multiply-accumulates of one image through this exit (cost model)
 */
public record ExitMetrics(int exit, double validationAccuracy, double testAccuracy, double latencyMs,
                          double throughput, long params, long buffers, long macs) {
    /** Parameter memory of this exit: 4 bytes per parameter and buffer value. */
    public long bytes() {
        return 4 * (params + buffers);
    }
}
