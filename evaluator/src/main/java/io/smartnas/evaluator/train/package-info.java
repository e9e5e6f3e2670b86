/**
 * Training a SmartNet: joint (weighted sum of the exits' losses) or exit by exit (each exit group trained with its
 * exit while the earlier ones stay frozen), Adam with a one-cycle schedule, a scope per step so that native memory
 * stays flat, and divergence detection; and a supernet's training on time, a sandwich step after another.
 */
package io.smartnas.evaluator.train;
