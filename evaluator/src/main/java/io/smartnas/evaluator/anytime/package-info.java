/**
 * Anytime inference: an input leaves at the first exit whose top softmax probability passes that exit's threshold
 * (the {@link io.smartnas.evaluator.ExitPolicy}), the last exit always answers. Here are the calibration of a policy on
 * validation data for a goal (the lowest average cost at a least accuracy, or the highest accuracy within a cost
 * budget), and measurements of it.
 */
package io.smartnas.evaluator.anytime;
