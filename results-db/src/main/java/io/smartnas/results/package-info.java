/**
 * The results store: every run, candidate, evaluation and per-exit measurement, durable and queryable. One
 * {@link io.smartnas.results.ResultStore} contract with an H2 implementation (the tests also have an in-memory one, in the test sources);
 * the queries users ask (best feasible, Pareto front, top-k, history) are written once on top of it.
 */
package io.smartnas.results;
