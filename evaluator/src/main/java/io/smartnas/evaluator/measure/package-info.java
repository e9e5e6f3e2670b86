/**
 * Measuring a trained SmartNet per exit: accuracy on an image set, latency per image at batch size 1 (median after
 * warm-up) and throughput at a large batch.
 */
package io.smartnas.evaluator.measure;
