/**
 * Measuring a trained SmartNet: latency per image at batch size 1 (the lower quartile of runs interleaved across
 * exits, after warm-up) and throughput at a large batch, per exit; how busy the rest of the machine was meanwhile;
 * and the resident memory of the process.
 */
package io.smartnas.evaluator.measure;
