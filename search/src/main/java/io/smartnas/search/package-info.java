/**
 * The constraint-driven search: candidates proposed by a {@link io.smartnas.search.Strategy} (NSGA-II on Jenetics,
 * steady-state NSGA-II, or drawn at random; a new one implements the interface anywhere, through
 * {@link io.smartnas.search.SearchRun} and {@link io.smartnas.search.Generation}), priced by the cost model, measured
 * by an {@link io.smartnas.space.evaluation.Evaluator}, recorded in the results store as they arrive, ranked by
 * {@link io.smartnas.space.evaluation.Standing}, stopped by the run's stop rules, and resumable from the store.
 * Jenetics types stay in this package and out of its public signatures.
 */
package io.smartnas.search;
