package io.smartnas.launcher;

import io.smartnas.evaluator.SavedModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --data} option shared by the commands that train or classify. */
final class DataOptions {
    /** What trains when neither the command nor a model names data. */
    static final String DEFAULT = "fashion-mnist";

    @Option(names = "--data", paramLabel = "fashion-mnist|synthetic|DIR",
            description = "Images: Fashion-MNIST from " + "/usr/share/datasets/fashion-mnist (Debian package "
                    + "dataset-fashion-mnist), synthetic textures shaped like the config, a directory of "
                    + "MNIST-style IDX files, or an image folder (a subfolder of PNG or JPEG images per class, "
                    + "optionally under train/ and test/), resized to the config's input (default: a model's own "
                    + "data, which it records when it is saved; else " + DEFAULT + ").")
    private String data;

    /** The data given, else Fashion-MNIST. */
    String data() {
        return data != null ? data : DEFAULT;
    }

    /** The data given, else the data the model saved in {@code model} trained on, else Fashion-MNIST. */
    String forModel(Path model) {
        if (data != null) {
            return data;
        }
        String own = SavedModel.dataOf(model);
        return own != null ? own : DEFAULT;
    }
}
