package io.smartnas.app;

import io.smartnas.evaluator.DeviceCalibration;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.latency.DeviceProfile;

import java.nio.file.Path;
import java.util.Optional;

/** The latency profile of the device a command runs on: read from the results database, or measured and stored. */
public final class LatencyProfiles {
    private LatencyProfiles() {
    }

    /** Times the calibration networks on {@code device} and stores the profile. */
    public static StoredProfile calibrate(ResultStore store, DeviceSpec device, StepProgress.Factory progress) {
        DeviceProfile profile;
        try (StepProgress shown = progress.start("calibrate " + device, DeviceCalibration.NETWORKS
                * DeviceCalibration.ROUNDS)) {
            profile = DeviceCalibration.run(device, shown::stepTo);
        }
        return new StoredProfile(store.addDeviceProfile(profile), profile);
    }

    /** The stored profile of {@code device}; when there is none, one is measured and stored if {@code measure}. */
    public static Optional<StoredProfile> of(ResultStore store, DeviceSpec device, boolean measure,
                                             StepProgress.Factory progress) {
        Optional<StoredProfile> stored = store.deviceProfile(device.profileName());
        return stored.isPresent() || !measure ? stored : Optional.of(calibrate(store, device, progress));
    }

    /**
     * The stored profile of {@code device} in the database {@code db}.
     *
     * @throws InvalidInputException if it was never calibrated
     */
    public static StoredProfile required(ResultStore store, DeviceSpec device, Path db) {
        return store.deviceProfile(device.profileName()).orElseThrow(() -> new InvalidInputException(
                "no latency profile of " + device.profileName() + " in " + db + "; measure one with: smartnas "
                        + "calibrate-device --device " + device + " --db " + db));
    }
}
