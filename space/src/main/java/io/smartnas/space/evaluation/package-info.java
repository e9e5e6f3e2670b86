/**
 * What a measurement of a candidate is ({@link io.smartnas.space.evaluation.Evaluation}, per exit
 * {@link io.smartnas.space.evaluation.ExitMetrics}) and the {@link io.smartnas.space.evaluation.Evaluator} contract
 * the search calls, the targets a user sets and where a candidate stands against them
 * ({@link io.smartnas.space.evaluation.Standing}, the one ranking). The implementation that trains with DJL lives in
 * the evaluator module.
 */
package io.smartnas.space.evaluation;
