/**
 * SmartNet as a DJL block: the stem, one Smart Block per unpruned cell and one head per exit, computed column by
 * column exactly as the specification says, with one output per exit. Parameters are grouped per exit group so that
 * a deployment stores and loads exits separately. A supernet's sub-network runs on the supernet's own parameters
 * ({@code SubnetForward}, trained a sandwich step at a time by {@code Sandwich}) or is cut out of them
 * ({@code Extraction}), its batch norms then recalibrated ({@code Recalibration}).
 */
package io.smartnas.evaluator.net;
