package io.smartnas.launcher;

import io.smartnas.evaluator.SavedModel;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.importance.Pruning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code smartnas prune}: a trained model without the Smart Connections and layers its training says it uses least,
 * fine-tuned. See {@link io.smartnas.space.importance.Importance} for the measure.
 */
@Command(name = "prune", footer = {"  smartnas prune model/ --keep 0.9 --epochs 1 --out pruned/"},
        description = "Takes out of a trained model the Smart Connections and layers it uses least (keeping a share "
                + "of their importance, measured on its validation images), moves the parameters of the rest into "
                + "the smaller network, fine-tunes it and recalibrates its exit policy; prints parameters, MACs and "
                + "test accuracy before and after.")
final class PruneCommand extends Subcommand {
    @Parameters(paramLabel = "MODEL_DIR", description = "A model saved by smartnas train --out or a search.")
    private Path dir;

    @Option(names = "--keep", defaultValue = "0.9", paramLabel = "SHARE", description = "The share of the "
            + "importance of the Smart Connections and layers to keep, 0 to 1 (default ${DEFAULT-VALUE}).")
    private double keep;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the pruned model goes.")
    private Path out;

    @Mixin
    private TrainOptions training;

    @Mixin
    private DataOptions data;

    @Mixin
    private DeviceOption device;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    /** What the command prints: before and after, each with its size and test accuracy at the last exit. */
    private record Side(String id, long params, long macs, int blocks, double testAccuracy) {
        static Side of(io.smartnas.space.SmartNetConfig config, double accuracy) {
            Cost cost = CostModel.of(config);
            return new Side(config.id(), cost.params(), cost.lastExit().macs(), cost.blocks(), accuracy);
        }
    }

    private record Shown(Side before, Side after, double keep, String model) {
    }

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        if (!(keep >= 0 && keep <= 1)) {
            throw new InvalidInputException("--keep is the share of the importance to keep, 0 to 1, not " + keep);
        }
        SavedModel.Pruned pruned;
        try (ProgressBars.Training progress = new ProgressBars.Training()) {
            pruned = SavedModel.prune(dir, (config, importance) -> Pruning.prune(config, importance, keep),
                    training.settings(), training.fidelity(), data.forModel(dir), device.spec(), progress, out);
        }
        Shown shown = new Shown(Side.of(pruned.from(), pruned.testBefore()), Side.of(pruned.to(),
                pruned.testAfter()), keep, out.toString());
        if (json) {
            out().println(Json.line(shown));
            return;
        }
        out().printf(Locale.ROOT, "pruned %s to %s in %s%n", shown.before().id(), shown.after().id(), out);
        for (Side side : new Side[] {shown.before(), shown.after()}) {
            out().printf(Locale.ROOT, "  %-6s %,9d params  %,12d MACs  %d blocks  test accuracy %.4f%n",
                    side == shown.before() ? "before" : "after", side.params(), side.macs(), side.blocks(),
                    side.testAccuracy());
        }
    }
}
