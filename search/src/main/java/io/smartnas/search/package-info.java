/**
 * The constraint-driven search: candidates proposed by a {@link io.smartnas.search.Strategy} (NSGA-II on Jenetics, or
 * drawn at random) as a stream of generations, stopped by Jenetics limits, priced by the cost model, measured by an
 * {@link io.smartnas.space.evaluation.Evaluator}, recorded in the results store as they arrive, ranked by
 * {@link io.smartnas.space.evaluation.Standing}, and resumable from the store. Jenetics types stay in this package.
 */
package io.smartnas.search;
