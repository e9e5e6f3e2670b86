package io.smartnas.launcher;

import io.smartnas.evaluator.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code smartnas grow}: one more column and exit for a trained model. Only the new exit group trains; the earlier
 * groups stay frozen and run as in inference, so the earlier exits answer exactly as before.
 */
@Command(name = "grow", footer = {"  smartnas grow model/ --depth 2 --growth 12 --epochs 1 --out grown/"},
        description = "Adds a column and an exit to a trained model and trains only the new exit group; the "
                + "earlier exits answer exactly as before. Recalibrates the exit policy.")
final class GrowCommand extends Subcommand {
    @Parameters(paramLabel = "MODEL_DIR", description = "A model saved by smartnas train --out.")
    private Path dir;

    @Option(names = "--depth", defaultValue = "2", description = "Layers of each new Smart Block "
            + "(default ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--growth", description = "Growth rate of the new row (default: the last row's).")
    private Integer growth;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the grown model goes (default: in place).")
    private Path out;

    @Mixin
    private TrainOptions training;

    @Mixin
    private DataOptions data;

    @Mixin
    private DeviceOption device;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        Path target = out != null ? out : dir;
        SavedModel.Grown grown;
        try (ProgressBars.Training progress = new ProgressBars.Training()) {
            grown = SavedModel.grow(dir, depth, growth, training.settings(), training.fidelity(), data.forModel(dir),
                    device.spec(), progress, target);
        }
        out().println("grew " + grown.from().id() + " to " + grown.to().id() + " ("
                + grown.to().size() + " exits) in " + target + "; validation " + Json.line(grown.policy()
                .validation()));
    }
}
