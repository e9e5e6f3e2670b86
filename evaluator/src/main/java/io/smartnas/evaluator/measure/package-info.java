/**
 * Measuring a trained SmartNet: latency per image at batch size 1 (median after warm-up) and throughput at a large
 * batch, per exit; and the resident memory of the process.
 */
package io.smartnas.evaluator.measure;
