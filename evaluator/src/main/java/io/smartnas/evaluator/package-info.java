/**
 * The evaluator's front door: training and measuring SmartNets with DJL on every device the PyTorch engine sees,
 * with one code path for CPU and GPU. Other modules use only the public types here
 * ({@link io.smartnas.evaluator.SavedModel}, {@link io.smartnas.evaluator.Bench},
 * {@link io.smartnas.evaluator.DjlEvaluator}, {@link io.smartnas.evaluator.Dataset},
 * {@link io.smartnas.evaluator.DeviceSpec} and the values they take); no DJL type crosses it.
 */
package io.smartnas.evaluator;
