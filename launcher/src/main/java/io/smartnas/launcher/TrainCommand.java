package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smartnas.evaluator.DivergedException;
import io.smartnas.evaluator.SavedModel;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.run.Durations;
import io.smartnas.space.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** {@code smartnas train}: trains one config, measures every exit, and saves the model per exit group. */
@Command(name = "train", footer = {"  smartnas train examples/two-exits.json --epochs 2 --out model/"},
        description = "Trains a SmartNet config and prints accuracy, latency and size at every exit.")
final class TrainCommand extends Subcommand {
    @Parameters(paramLabel = "CONFIG", description = "A config file (smartnet/1); exported configs work as they are.")
    private Path file;

    @Mixin
    private DataOptions data;

    @Mixin
    private TrainOptions training;

    @Mixin
    private DeviceOption device;

    @Option(names = "--out", paramLabel = "MODEL_DIR",
            description = "Save the trained model: its config and one parameter file per exit group.")
    private Path out;

    @Option(names = "--inherit", paramLabel = "MODEL_DIR",
            description = "Start from the parameters of the exit groups the config shares with this trained model "
                    + "(its first columns, when equal), as a search's child does; the rest start from scratch.")
    private Path inherit;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    private boolean json;

    @Option(names = "--time", paramLabel = "DURATION", description = "Train for this long (90s, 4m, 1h), the "
            + "learning-rate schedule on time: as many epochs as fit unless --epochs says fewer.")
    private String time;

    /** What {@code --json} prints. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Trained(String id, String file, long params, long bytes, String device, double seconds,
                           String training, int epochs, int subset, Object exits, String modelDir) {
    }

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        SmartNetConfig config = ConfigFile.read(file);
        long start = System.nanoTime();
        Evaluation evaluation;
        Duration budget = time == null ? null : Durations.parse(time);
        if (budget != null && (budget.isNegative() || budget.isZero())) {
            throw new InvalidInputException("--time must be positive, got " + time);
        }
        try (ProgressBars.Training progress = new ProgressBars.Training(budget)) {
            evaluation = SavedModel.train(config, inherit, data.data(), training.settings(),
                    training.fidelity(budget != null), budget, device.spec(), progress, out);
        } catch (DivergedException e) {
            throw new IllegalStateException("training diverged (" + e.getMessage() + "); try a lower --lr", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter stdout = out();
        String mode = training.settings().mode().label();
        if (json) {
            Cost cost = CostModel.of(config);
            stdout.println(Json.line(new Trained(evaluation.configId(), file.toString(), cost.params(), cost.bytes(),
                    evaluation.device(), seconds, mode, evaluation.fidelity().epochs(), evaluation.fidelity().subset(),
                    EvaluationJson.exits(evaluation), out == null ? null : out.toString())));
        } else {
            stdout.printf(Locale.ROOT, "%s (%s): %s on %s in %.0f s%n", file, evaluation.configId(), mode,
                    evaluation.device(), seconds);
            Rows.table(stdout, "  ", ExitMetrics.class, evaluation.exits());
            if (out != null) {
                stdout.println("  saved to " + out + " (config.json, one group-N.params per exit, model.safetensors)");
            }
        }
    }
}
