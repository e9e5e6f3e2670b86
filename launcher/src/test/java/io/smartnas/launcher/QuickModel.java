package io.smartnas.launcher;

import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.SavedModel;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.TrainingSettings;

import java.io.IOException;
import java.nio.file.Path;

/** A model directory made the way users make one, trained for a moment on synthetic images. */
final class QuickModel {
    private QuickModel() {
    }

    /** The config in {@code configFile}, trained on 64 synthetic images and saved in {@code dir}. */
    static Path of(Path configFile, Path dir) throws IOException {
        SavedModel.train(ConfigFile.read(configFile), "synthetic", TrainingSettings.DEFAULT, new Fidelity(1, 64),
                DeviceSpec.CPU, TrainingProgress.NONE, dir);
        return dir;
    }
}
