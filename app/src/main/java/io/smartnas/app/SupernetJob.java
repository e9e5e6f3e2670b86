package io.smartnas.app;

import io.smartnas.evaluator.Dataset;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.Supernet;
import io.smartnas.search.SearchSettings;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.run.RunDescription;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Training a supernet as a use case: the space, data and training of a run description (a preset, a settings file and
 * options, as a search takes them), the supernet trained on them for a time into a directory, or its training resumed
 * there.
 */
public final class SupernetJob {
    private SupernetJob() {
    }

    /**
     * The space a run description searches, on the data it names.
     *
     * @param data the data the description names, read
     */
    public static SpaceBounds space(RunDescription described, Dataset data, DeviceSpec device) {
        RunDescription run = described.recording(data.checksum(), device.deviceClass())
                .fittedTo(data.input().levels());
        return SearchSettings.of(run, data.input(), data.classes()).bounds();
    }

    /**
     * Trains (or resumes) the supernet of {@code described}'s space on its data for {@code time} into {@code out}.
     *
     * @throws InvalidInputException if the data does not read, or {@code out} holds something else
     */
    public static Supernet.Record train(RunDescription described, Duration time, String device,
                                        Supernet.Progress progress, Path out) {
        if (time.isNegative() || time.isZero()) {
            throw new InvalidInputException("--time must be positive, got " + time);
        }
        DeviceSpec devices = DeviceSpec.parse(device != null ? device : described.device());
        Dataset data = Dataset.forSearch(described.data(), described.inputShape(), described.seed());
        return Supernet.train(space(described, data, devices), data, described.trainingSettings(), time, devices,
                progress, out);
    }
}
