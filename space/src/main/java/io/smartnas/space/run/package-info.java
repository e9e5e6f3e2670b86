/**
 * What a run is, as values: the run description a search is started with and stored under, and the evaluation spec,
 * training and timing settings every evaluator of the run follows. The JSON forms here are the wire format between
 * a coordinator and its workers.
 */
package io.smartnas.space.run;
