package io.smartnas.launcher;

import io.smartnas.evaluator.SupernetCut;
import io.smartnas.space.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code smartnas supernet cut}: one network of a supernet's space, cut out of it as a model directory. */
@Command(name = "cut", footer = {"  smartnas supernet cut supernet/ --config run-1/best.json --out model/"},
        description = "Cuts a network of the supernet's space out of it, with the supernet's weights at its channels, "
                + "and saves it as a model directory that infer, calibrate and the PyTorch loader read. Checks first "
                + "that it computes what the supernet computes for it, on validation images.")
final class SupernetCutCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "The supernet's directory (smartnas supernet train --out).")
    private Path supernet;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The network: a config file (smartnet/1) of the supernet's space.")
    private Path config;

    @Option(names = "--out", paramLabel = "MODEL_DIR", required = true, description = "Where the model goes.")
    private Path out;

    @Option(names = "--no-recalibration", description = "Keep the supernet's batch norm statistics instead of "
            + "recalibrating them on the network's own outputs for training images (then the model computes exactly "
            + "what the supernet computes for it).")
    private boolean keepStatistics;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        SupernetCut cut = SupernetCut.of(supernet, ConfigFile.read(config), !keepStatistics, out);
        if (json) {
            out().println(Json.line(Json.object().put("id", cut.config().id()).put("supernet", cut.supernet())
                    .put("images", cut.images()).put("largest_difference", cut.largestDifference())
                    .put("recalibrated", cut.recalibrated()).put("model", out.toString())
                    .putPOJO("validation_accuracy", cut.validation()).putPOJO("test_accuracy", cut.test())));
            return;
        }
        out().printf(Locale.ROOT, "%s cut from supernet %s: its outputs and the supernet's own for it differ by at "
                        + "most %.2e on %d validation images%s%n", cut.config().id(), cut.supernet(),
                cut.largestDifference(), cut.images(), cut.recalibrated() ? " (before its batch norms were "
                        + "recalibrated)" : "");
        out().printf(Locale.ROOT, "accuracy per exit: validation %s, test %s%n", cut.validation(), cut.test());
        out().println("saved to " + out + "; smartnas infer " + out);
    }
}
