package io.smartnas.launcher;

import io.smartnas.space.config.EvaluationJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.CandidateTrainer;
import io.smartnas.evaluator.EvaluationSetup;
import io.smartnas.evaluator.TrainedCandidate;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.measure.Timing;
import io.smartnas.evaluator.net.ExitGroupFiles;
import io.smartnas.evaluator.train.DivergedException;
import io.smartnas.evaluator.train.TrainingSettings;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
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

/** {@code smartnas train}: trains one config, measures every exit, and saves the model per exit group. */
@Command(name = "train", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas train examples/two-exits.json --epochs 2 --out model/"},
        description = "Trains a SmartNet config and prints accuracy, latency and size at every exit.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "A config file (smartnet/1); exported configs work as they are.")
    private Path file;

    @Mixin
    private DataOptions data;

    @Mixin
    private TrainingOptions training;

    @Mixin
    private DeviceOption device;

    @Option(names = "--out", paramLabel = "MODEL_DIR",
            description = "Save the trained model: its config and one parameter file per exit group.")
    private Path out;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        OutputDirectory.check("--out", out);
        SmartNetConfig config = ConfigFile.read(file);
        Fidelity fidelity = training.fidelity();
        TrainingSettings settings = training.settings();
        DataSource source = data.load(config, settings.seed());
        CandidateTrainer trainer = new CandidateTrainer(new EvaluationSetup(source, settings, Timing.DEFAULT, true));
        long start = System.nanoTime();
        try (ProgressBars.Training progress = new ProgressBars.Training();
             TrainedCandidate trained = trainer.train(config, fidelity, device.first(), progress)) {
            progress.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation evaluation = trained.evaluation();
            if (out != null) {
                ExitGroupFiles.save(trained.model(), savedWith(evaluation, trainer, fidelity), out);
                calibrate(trained, source);
            }
            print(config, evaluation, seconds);
            return ExitCodes.OK;
        } catch (DivergedException e) {
            spec.commandLine().getErr().println("smartnas train: training diverged (" + e.getMessage()
                    + "); try a lower --lr");
            return ExitCodes.FAILURE;
        }
    }

    /** Saves the exit policy of the default goal, calibrated on the validation images the model never trained on. */
    private void calibrate(TrainedCandidate trained, DataSource source) throws IOException {
        ExitOutcomes validation = ExitOutcomes.measure(trained.model().block(), trained.model().model().getNDManager(),
                ModelDirectory.of(out).validation(source, ExitOutcomes.BATCH));
        PolicyReport.save(out, PolicyReport.calibrate(validation, null, null), validation,
                PolicyReport.goal(null, null));
    }

    private ObjectNode savedWith(Evaluation evaluation, CandidateTrainer trainer, Fidelity fidelity) {
        ObjectNode extras = Json.object();
        extras.put("id", evaluation.configId());
        ObjectNode settings = extras.putObject("training");
        trainer.setup().training().provenance().forEach(settings::put);
        settings.put("epochs", fidelity.epochs());
        settings.put("subset", fidelity.subset());
        extras.putObject("normalization").put("mean", trainer.normalization().mean())
                .put("std", trainer.normalization().std());
        extras.set("metrics", EvaluationJson.exits(evaluation));
        extras.set("provenance", EvaluationJson.provenance(evaluation));
        return extras;
    }

    private void print(SmartNetConfig config, Evaluation evaluation, double seconds) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("id", evaluation.configId());
            root.put("file", file.toString());
            root.put("params", CostModel.of(config).params());
            root.put("bytes", CostModel.of(config).bytes());
            root.put("device", evaluation.device());
            root.put("seconds", seconds);
            root.put("training", training.settings().mode().label());
            root.put("epochs", evaluation.fidelity().epochs());
            root.put("subset", evaluation.fidelity().subset());
            root.set("exits", EvaluationJson.exits(evaluation));
            if (out != null) {
                root.put("model_dir", out.toString());
            }
            stdout.println(Json.line(root));
        } else {
            stdout.printf("%s (%s): %s on %s in %.0f s%n", file, evaluation.configId(),
                    training.settings().mode().label(), evaluation.device(), seconds);
            Table table = new Table("exit", "test acc", "val acc", "latency ms", "img/s", "params", "MACs", "bytes");
            for (ExitMetrics exit : evaluation.exits()) {
                table.row(exit.exit(), percent(exit.testAccuracy()), percent(exit.validationAccuracy()),
                        String.format(java.util.Locale.ROOT, "%.3f", exit.latencyMs()),
                        String.format(java.util.Locale.ROOT, "%.0f", exit.throughput()), exit.params(), exit.macs(),
                        exit.bytes());
            }
            table.print(stdout, "  ");
            if (out != null) {
                stdout.println("  saved to " + out + " (config.json and one group-N.params per exit)");
            }
        }
        stdout.flush();
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
