package io.smartnas.launcher;

import io.smartnas.evaluator.CalibrationGoal;
import io.smartnas.evaluator.PolicyFile;
import io.smartnas.evaluator.SavedModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code smartnas calibrate}: the exit thresholds of a trained model, on its validation images, for a goal. */
@Command(name = "calibrate", footer = {"  smartnas calibrate model/ --accuracy-drop 0.5"},
        description = "Calibrates the exit policy of a trained model on its validation images and saves it as "
                + "policy.json: the lowest average MACs within some points of the last exit's accuracy (default "
                + "0.3), or the highest accuracy within a MACs budget.")
final class CalibrateCommand extends Subcommand {
    @Parameters(paramLabel = "MODEL_DIR", description = "A model saved by smartnas train --out.")
    private Path dir;

    @ArgGroup
    private Goal goal = new Goal();

    static final class Goal {
        @Option(names = "--accuracy-drop", paramLabel = "POINTS",
                description = "Lose at most this many points of the last exit's accuracy (a 95%% upper bound on "
                        + "the validation images), at the lowest cost.")
        Double dropPoints;

        @Option(names = "--max-macs", paramLabel = "N",
                description = "Spend at most N MACs per image on average, at the highest accuracy.")
        Double maxMacs;
    }

    @Mixin
    private DataOptions data;

    @Mixin
    private DeviceOption device;

    @Override
    void run() throws IOException {
        CalibrationGoal calibration = new CalibrationGoal(goal.dropPoints, goal.maxMacs);
        PolicyFile saved;
        try (SavedModel model = SavedModel.open(dir, null, device.spec())) {
            saved = model.calibrate(data.forModel(dir), calibration,
                    ProgressBars.classifying("classify the validation images"));
        }
        PrintWriter out = out();
        out.println(Json.line(saved));
    }
}
