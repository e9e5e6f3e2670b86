/**
 * Latency predicted from the architecture: what a forward pass of a SmartNet costs in the terms latency depends on
 * ({@link io.smartnas.space.latency.LatencyFeatures}), a device's calibrated price of each
 * ({@link io.smartnas.space.latency.DeviceProfile}), and the latency per exit they predict
 * ({@link io.smartnas.space.latency.LatencyPrediction}). Like the cost model, it needs no training, so a search can
 * screen a latency target before it trains a candidate.
 */
package io.smartnas.space.latency;
