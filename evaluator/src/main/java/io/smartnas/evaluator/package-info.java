/**
 * The DJL implementation of the search's {@link io.smartnas.space.evaluation.Evaluator}: trains and measures
 * SmartNets on every device the PyTorch engine sees, with one code path for CPU and GPU.
 */
package io.smartnas.evaluator;
