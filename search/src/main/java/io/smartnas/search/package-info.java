/**
 * The constraint-driven search: candidates proposed by a genetic strategy (NSGA-II on Jenetics) or drawn at random,
 * priced by the cost model, measured by an {@link io.smartnas.space.evaluation.Evaluator}, recorded in the results
 * store as they arrive, ranked feasibility first, and resumable from the store. Jenetics types stay in this package.
 */
package io.smartnas.search;
