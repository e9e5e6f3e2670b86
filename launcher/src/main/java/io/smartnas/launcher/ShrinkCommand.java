package io.smartnas.launcher;

import io.smartnas.evaluator.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code smartnas shrink}: a model of the first K exits only, for a device that needs no more. */
@Command(name = "shrink", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas shrink model/ --exits 1 --out small/"},
        description = "Writes a model of the first K exits of a trained model (reading only their exit groups), "
                + "with its exit policy cut to them.")
final class ShrinkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model saved by smartnas train --out.")
    private Path dir;

    @Option(names = "--exits", required = true, paramLabel = "K", description = "Exits to keep.")
    private int exits;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the smaller model goes.")
    private Path out;

    @Mixin
    private DeviceOption device;

    @Override
    public Integer call() throws IOException {
        OutputDirectory.check("--out", out);
        try (SavedModel model = SavedModel.open(dir, exits, device.spec())) {
            model.save(out);
        }
        spec.commandLine().getOut().println("wrote the first " + exits + " exit(s) to " + out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
