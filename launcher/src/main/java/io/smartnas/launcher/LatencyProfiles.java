package io.smartnas.launcher;

import io.smartnas.evaluator.DeviceCalibration;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.latency.DeviceProfile;
import me.tongfei.progressbar.ProgressBar;

import java.util.Optional;

/** The latency profile of the device a command runs on: read from the results database, or measured and stored. */
final class LatencyProfiles {
    private LatencyProfiles() {
    }

    /** Times the calibration networks on {@code device} (with a progress bar) and stores the profile. */
    static StoredProfile calibrate(ResultStore store, DeviceSpec device) {
        var profile = calibrated(device);
        return new StoredProfile(store.addDeviceProfile(profile), profile);
    }

    /** The stored profile of {@code device}; when there is none, one is measured and stored if {@code measure}. */
    static Optional<StoredProfile> of(ResultStore store, DeviceSpec device, boolean measure) {
        Optional<StoredProfile> stored = store.deviceProfile(device.profileName());
        return stored.isPresent() || !measure ? stored : Optional.of(calibrate(store, device));
    }

    /**
     * The stored profile of {@code device}.
     *
     * @throws InvalidInputException if it was never calibrated
     */
    static StoredProfile required(ResultStore store, DeviceSpec device, DbOption db) {
        return of(store, device, false).orElseThrow(() -> new InvalidInputException("no latency profile of "
                + device.profileName() + " in " + db.file() + "; measure one with: smartnas calibrate-device --device "
                + device + " --db " + db.file()));
    }

    private static DeviceProfile calibrated(DeviceSpec device) {
        try (ProgressBar bar = ProgressBars.of("calibrate " + device,
                DeviceCalibration.NETWORKS * DeviceCalibration.ROUNDS)) {
            return DeviceCalibration.run(device, bar::stepTo);
        }
    }
}
