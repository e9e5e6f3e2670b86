package io.smartnas.launcher;

import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.space.latency.DeviceProfile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A made-up latency profile of this machine's CPU, stored in a test's database instead of calibrating it. */
final class StoredProfiles {
    private StoredProfiles() {
    }

    /** A profile where a pass costs {@code msPerConv} per convolution or linear layer launched, nothing else. */
    static DeviceProfile perConv(double msPerConv) {
        return new DeviceProfile(DeviceSpec.CPU.profileName(), List.of(0.0, msPerConv, 0.0, 0.0, 0.0, 0.0), 60, 0.05,
                0.2, Instant.parse("2026-11-28T12:00:00Z"), "{}");
    }

    /** Stores {@code profile} in the database at {@code db}, created if missing; returns its id. */
    static long store(Path db, DeviceProfile profile) {
        try (ResultStore store = H2Database.open(db, true)) {
            return store.addDeviceProfile(profile);
        }
    }
}
