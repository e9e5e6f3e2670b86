package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.net.ExitGroupFiles;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.train.Training;
import io.smartnas.evaluator.train.TrainingSettings;
import io.smartnas.space.Cell;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code smartnas grow}: one more column and exit for a trained model. Only the new exit group trains; the earlier
 * groups stay frozen and run as in inference, so the earlier exits answer exactly as before.
 */
@Command(name = "grow", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas grow model/ --depth 2 --growth 12 --epochs 1 --out grown/"},
        description = "Adds a column and an exit to a trained model and trains only the new exit group; the "
                + "earlier exits answer exactly as before. Recalibrates the exit policy.")
final class GrowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

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
    private TrainingOptions training;

    @Mixin
    private DataOptions data;

    @Mixin
    private DeviceOption device;

    @Override
    public Integer call() throws IOException {
        OutputDirectory.check("--out", out);
        ModelDirectory model = ModelDirectory.of(dir);
        SmartNetConfig grown = grown(model.config());
        TrainingSettings settings = training.settings().withSeed(model.seed());
        DataSource source = data.load(grown, model.seed());
        Split split = Split.standard(source.train(), model.seed());
        Path target = out != null ? out : dir;
        ObjectNode policy;
        try (SmartNetModel net = SmartNetModel.create(grown, device.first(), model.seed());
             ProgressBars.Training progress = new ProgressBars.Training()) {
            ExitGroupFiles.loadInto(net, dir, model.config().size());
            Batches train = new Batches(split.train().first(training.fidelity().subset()), model.normalization(),
                    settings.batchSize(), settings.seed());
            new Training(net.model(), net.block(), settings, progress).runExit(train, training.fidelity().epochs(),
                    grown.size() - 1);
            progress.close();
            ObjectNode extras = model.extras();
            extras.put("id", grown.id());
            extras.put("grown_from", model.config().id());
            extras.remove("metrics");
            ExitGroupFiles.save(net, extras, target);
            ExitOutcomes validation = ExitOutcomes.measure(net.block(), net.model().getNDManager(),
                    new Batches(split.validation(), model.normalization(), ExitOutcomes.BATCH, 0));
            policy = PolicyReport.save(target, PolicyReport.calibrate(validation, null, null), validation,
                    PolicyReport.goal(null, null));
        }
        spec.commandLine().getOut().println("grew " + model.config().id() + " to " + grown.id() + " ("
                + grown.size() + " exits) in " + target + "; validation " + Json.line(policy.get("validation")));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private SmartNetConfig grown(SmartNetConfig config) {
        if (depth < 0) {
            throw new InvalidInputException("--depth must not be negative, got " + depth);
        }
        int size = config.size() + 1;
        List<Integer> rows = new ArrayList<>(config.growth());
        int last = config.growth().stream().filter(k -> k > 0).reduce((a, b) -> b).orElse(12);
        rows.add(growth != null ? growth : last);
        List<Cell> cells = new ArrayList<>(config.cells());
        for (int r = 0; r < size; r++) {
            cells.add(new Cell(r, size - 1, depth, List.of()));
        }
        try {
            return new SmartNetConfig(config.input(), config.classes(), config.stem(), config.bottleneck(), size,
                    rows, cells);
        } catch (io.smartnas.space.InvalidConfigException e) {
            throw new InvalidInputException("the grown network is not valid: " + e.getMessage());
        }
    }
}
