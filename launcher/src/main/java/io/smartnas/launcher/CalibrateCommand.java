package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.anytime.ExitPolicy;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.net.SmartNetModel;
import picocli.CommandLine.ArgGroup;
import io.smartnas.space.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code smartnas calibrate}: the exit thresholds of a trained model, on its validation images, for a goal. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas calibrate model/ --accuracy-drop 0.5"},
        description = "Calibrates the exit policy of a trained model on its validation images and saves it as "
                + "policy.json: the lowest average MACs within some points of the last exit's accuracy (default "
                + "0.3), or the highest accuracy within a MACs budget.")
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

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
    public Integer call() throws IOException {
        if (goal != null && goal.dropPoints != null && !(goal.dropPoints >= 0 && goal.dropPoints <= 100)) {
            throw new InvalidInputException("--accuracy-drop must be 0..100 points, got " + goal.dropPoints);
        }
        if (goal != null && goal.maxMacs != null && !(goal.maxMacs > 0 && Double.isFinite(goal.maxMacs))) {
            throw new InvalidInputException("--max-macs must be a positive number, got " + goal.maxMacs);
        }
        ModelDirectory model = ModelDirectory.of(dir);
        DataSource source = data.load(model.config(), model.seed());
        ObjectNode saved;
        try (SmartNetModel net = model.load(model.config().size(), device.first())) {
            ExitOutcomes validation = ExitOutcomes.measure(net.block(), net.model().getNDManager(),
                    model.validation(source, ExitOutcomes.BATCH));
            ExitPolicy policy = PolicyReport.calibrate(validation, goal.dropPoints, goal.maxMacs);
            saved = PolicyReport.save(dir, policy, validation, PolicyReport.goal(goal.dropPoints, goal.maxMacs));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.line(saved));
        out.flush();
        return ExitCodes.OK;
    }
}
