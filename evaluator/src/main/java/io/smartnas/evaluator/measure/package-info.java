/**
 * Measuring a trained SmartNet: latency per image at batch size 1 (the lower quartile of runs interleaved across
 * exits, after warm-up, with the {@link io.smartnas.evaluator.MachineLoad} it was timed under) and throughput at a
 * large batch, per exit; and the resident memory of the process.
 */
package io.smartnas.evaluator.measure;
