/**
 * Measuring a trained SmartNet: latency per image at batch size 1 (the lower quartile of runs interleaved across
 * exits, after warm-up, with the {@link io.smartnas.evaluator.MachineLoad} it was timed under) and throughput at a
 * large batch, per exit; the resident memory of the process; and the engine's CPU threads for the work: one for a
 * single image ({@link io.smartnas.evaluator.measure.OneThread}), as many as other processes leave cores idle for
 * training and measuring ({@link io.smartnas.evaluator.measure.FittedThreads}).
 */
package io.smartnas.evaluator.measure;
