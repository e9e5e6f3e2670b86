package io.smartnas.results;

import io.smartnas.space.latency.DeviceProfile;

/** A device profile as stored: its id, which predictions made with it refer to. */
public record StoredProfile(long id, DeviceProfile profile) {
}
