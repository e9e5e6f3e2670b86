package io.smartnas.launcher;

import io.smartnas.evaluator.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code smartnas shrink}: a model of the first K exits only, for a device that needs no more. */
@Command(name = "shrink", footer = {"  smartnas shrink model/ --exits 1 --out small/"},
        description = "Writes a model of the first K exits of a trained model (reading only their exit groups), "
                + "with its exit policy cut to them.")
final class ShrinkCommand extends Subcommand {
    @Parameters(paramLabel = "MODEL_DIR", description = "A model saved by smartnas train --out.")
    private Path dir;

    @Option(names = "--exits", required = true, paramLabel = "K", description = "Exits to keep.")
    private int exits;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the smaller model goes.")
    private Path out;

    @Mixin
    private DeviceOption device;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        try (SavedModel model = SavedModel.open(dir, exits, device.spec())) {
            model.save(out);
        }
        out().println("wrote the first " + exits + " exit(s) to " + out);
    }
}
