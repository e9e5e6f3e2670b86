/**
 * The analytic cost model of a SmartNet: parameters, buffers, bytes and MACs per exit and per exit group, and the
 * peak activation memory of column-by-column inference. Exact by the counting rules of the specification, so a
 * search can reject a candidate before training it.
 */
package io.smartnas.space.cost;
