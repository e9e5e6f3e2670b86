package io.smartnas.results;

import io.smartnas.space.latency.LatencyPrediction;

/**
 * A config's predicted latency as stored, under one device profile.
 *
 * @param profileId  the profile it was predicted with
 * @param device     that profile's device class
 * @param prediction per exit, through that exit alone and leaving there in anytime inference
 */
public record StoredPrediction(long profileId, String device, LatencyPrediction prediction) {
}
